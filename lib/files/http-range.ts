export type ByteRange = { start: number; end: number };

/**
 * One `bytes=` range of a file of `size` bytes (RFC 9110 §14). Null: no usable range,
 * send the whole file (absent, malformed, or several ranges, which a server may serve
 * whole). "unsatisfiable": answer 416.
 */
export function parseRange(header: string | null, size: number): ByteRange | "unsatisfiable" | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first, last] = match;
  if (first === "" && last === "") return null;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0) return "unsatisfiable";
    return size === 0 ? "unsatisfiable" : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (!Number.isSafeInteger(start)) return null;
  if (start >= size) return "unsatisfiable";
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(end) || end < start) return null;
  return { start, end };
}

/** RFC 6266 / RFC 5987 attachment header: an ASCII fallback plus the exact UTF-8 name. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/ß/g, "ss").normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/["\\%;]/g, "_").trim() || "download";
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const contentTypes: [RegExp, string][] = [
  [/\.gcode\.3mf$/i, "model/3mf"],
  [/\.3mf$/i, "model/3mf"],
  [/\.bgcode$/i, "application/x-bgcode"],
  [/\.(gcode|gco|g)$/i, "text/x.gcode"],
  [/\.stl$/i, "model/stl"],
  [/\.png$/i, "image/png"],
  [/\.jpe?g$/i, "image/jpeg"],
];

export function contentTypeOf(fileName: string): string {
  return contentTypes.find(([re]) => re.test(fileName))?.[1] ?? "application/octet-stream";
}
