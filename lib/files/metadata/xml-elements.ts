/**
 * A tiny, tolerant reader for the flat XML slicers write (Bambu's slice_info.config and
 * model_settings.config, 3MF model metadata): elements by name with their attributes
 * and inner text. Not a general XML parser: no namespaces, no DTDs (so no entity
 * expansion attacks), nested elements of the same name end at the first closing tag,
 * and an element cut off by the end of the text keeps what is there.
 */

export interface XmlElement {
  attributes: Readonly<Record<string, string>>;
  /** Inner text/markup (to the end of the text if never closed); null when self-closing. */
  body: string | null;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity.startsWith("#")) {
      const code = entity[1] === "x" || entity[1] === "X" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[entity] ?? whole;
  });
}

function isNameChar(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9_:.-]/.test(char);
}

/** Attributes from `<tag` to its `>`; returns them and where the tag ends. */
function parseTag(xml: string, from: number): { attributes: Record<string, string>; end: number; selfClosing: boolean } {
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
  let pos = from;
  while (pos < xml.length) {
    const char = xml[pos];
    if (char === ">") return { attributes, end: pos + 1, selfClosing: xml[pos - 1] === "/" };
    if (!isNameChar(char)) {
      pos++;
      continue;
    }
    const nameStart = pos;
    while (isNameChar(xml[pos])) pos++;
    const name = xml.slice(nameStart, pos);
    while (xml[pos] === " " || xml[pos] === "\t" || xml[pos] === "\n" || xml[pos] === "\r") pos++;
    if (xml[pos] !== "=") continue;
    pos++;
    while (xml[pos] === " " || xml[pos] === "\t" || xml[pos] === "\n" || xml[pos] === "\r") pos++;
    const quote = xml[pos];
    let value: string;
    if (quote === '"' || quote === "'") {
      const close = xml.indexOf(quote, pos + 1);
      if (close < 0) return { attributes, end: xml.length, selfClosing: true };
      value = xml.slice(pos + 1, close);
      pos = close + 1;
    } else {
      const valueStart = pos;
      while (pos < xml.length && !/[\s>]/.test(xml[pos])) pos++;
      value = xml.slice(valueStart, pos);
    }
    if (!(name in attributes)) attributes[name] = decodeXmlEntities(value);
  }
  return { attributes, end: xml.length, selfClosing: true };
}

/** Every `<name ...>` element in `xml`, in document order. */
export function findElements(xml: string, name: string): XmlElement[] {
  const elements: XmlElement[] = [];
  const open = `<${name}`;
  const close = `</${name}`;
  let pos = 0;
  for (;;) {
    const start = xml.indexOf(open, pos);
    if (start < 0) return elements;
    const after = xml[start + open.length];
    if (isNameChar(after)) {
      pos = start + open.length;
      continue;
    }
    const tag = parseTag(xml, start + open.length);
    let body: string | null = null;
    pos = tag.end;
    if (!tag.selfClosing) {
      const end = xml.indexOf(close, tag.end);
      body = xml.slice(tag.end, end >= 0 ? end : xml.length);
      if (end >= 0) pos = end + close.length;
    }
    elements.push({ attributes: tag.attributes, body });
  }
}

/** `<metadata key="k" value="v"/>` children as a map; the first of a key wins (outer before nested). */
export function keyValueMetadata(xml: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const { attributes } of findElements(xml, "metadata")) {
    const key = attributes.key;
    const value = attributes.value;
    if (key !== undefined && value !== undefined && !map.has(key)) map.set(key, value);
  }
  return map;
}

/** Text of an element with inner markup and comments removed. */
export function elementText(element: XmlElement): string {
  return decodeXmlEntities((element.body ?? "").replace(/<!--[\s\S]*?-->/g, "").replace(/<[^>]*>/g, ""));
}
