import path from "node:path";

/** Longest file or folder name we write, in UTF-8 bytes (ext4, btrfs, NTFS all allow 255). */
export const MAX_NAME_BYTES = 200;

const reservedWindows = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

// Control characters (C0, DEL, C1), bidi overrides, embeddings, isolates and marks, and
// zero-width characters. A name that carries them can render as something else than it is
// ("invoice\u202Eedoc.gcode" reads as "invoicegcode.code"), or look like another file's name.
const invisibleOrReordering = /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

/** A name a printer sent, fit to show: NFC, without characters that hide or reorder text. */
export function displayName(raw: string, fallback = "file"): string {
  const name = raw.normalize("NFC").replace(/\uFFFD/g, "_").replace(invisibleOrReordering, "").trim();
  return name === "" ? fallback : name;
}

/**
 * Turns a name a printer sent into one safe path segment: NFC, no control, bidi,
 * zero-width or separator characters, no "." / ".." and no Windows reserved device names (the files
 * folder may be a Samba share), at most MAX_NAME_BYTES bytes with the extension kept.
 */
export function sanitizeSegment(raw: string, fallback = "file"): string {
  let name = displayName(raw, "");
  name = name.replace(/[\\/:*?"<>|]/g, "_");
  name = name.replace(/^[\s.]+/, "").replace(/[\s.]+$/, "");
  if (name === "" || /^\.+$/.test(name)) name = fallback;
  if (reservedWindows.test(name)) name = `_${name}`;
  return truncateName(name);
}

/** The last segment of a printer path, sanitized ("/cache/../x.3mf" -> "x.3mf"). */
export function sanitizeFileName(printerPath: string): string {
  const parts = printerPath.split(/[\\/]/).filter((p) => p !== "");
  return sanitizeSegment(parts.at(-1) ?? "");
}

/** Shortens to MAX_NAME_BYTES keeping a short extension and never splitting a character. */
export function truncateName(name: string, maxBytes = MAX_NAME_BYTES): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const ext = extensionOf(name);
  const keep = ext.length > 0 && Buffer.byteLength(ext) < maxBytes / 2 ? ext : "";
  const base = cutToBytes(name.slice(0, name.length - keep.length), maxBytes - Buffer.byteLength(keep));
  return base.replace(/[\s.]+$/, "") + keep;
}

/** ".gcode.3mf", ".bgcode", ".gcode", ... (up to two short parts). */
export function extensionOf(name: string): string {
  const match = /((\.[A-Za-z0-9]{1,6}){1,2})$/.exec(name);
  return match && match.index > 0 ? match[1] : "";
}

function cutToBytes(text: string, maxBytes: number): string {
  let out = "";
  let bytes = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > maxBytes) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** "name.gcode.3mf" -> "name (2).gcode.3mf". */
export function numberedName(name: string, n: number): string {
  const ext = extensionOf(name);
  const suffix = ` (${n})`;
  const base = cutToBytes(name.slice(0, name.length - ext.length), MAX_NAME_BYTES - Buffer.byteLength(suffix + ext));
  return `${base}${suffix}${ext}`;
}

export class PathEscapeError extends Error {
  constructor(relative: string) {
    super(`path escapes the files root: ${relative}`);
    this.name = "PathEscapeError";
  }
}

/** Resolves a "/"-separated path relative to `root`, refusing anything that leaves it. */
export function resolveInside(root: string, relative: string): string {
  const base = path.resolve(root);
  if (relative.includes("\0") || path.isAbsolute(relative)) throw new PathEscapeError(relative);
  const full = path.resolve(base, relative);
  const rel = path.relative(base, full);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) throw new PathEscapeError(relative);
  return full;
}
