/**
 * Printer paths as the rest of Printernizer sees them: "/<storage>/<folder>/<file>",
 * e.g. "/usb/OTHER/BENCHY.GCO" (Buddy) or "/local/x.gcode" (Pi). Everything that turns
 * such a path into a request target lives here, so encoding happens in one place.
 */

export interface StoragePath {
  storage: string;
  /** Folders and file name below the storage root, never empty strings. */
  segments: string[];
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function splitPath(path: string): string[] {
  return path.split("/").filter((s) => s !== "" && s !== "." && s !== "..");
}

/** A bare file name lands on the default storage ("usb" on Buddy). */
export function toStoragePath(path: string, defaultStorage: string): StoragePath {
  const parts = splitPath(path);
  if (!path.startsWith("/") || parts.length < 2) return { storage: defaultStorage, segments: parts };
  return { storage: parts[0], segments: parts.slice(1) };
}

export function remotePath(p: StoragePath): string {
  return `/${[p.storage, ...p.segments].join("/")}`;
}

/** Percent-encodes each segment of an absolute path; a path the printer already encoded stays as it was. */
export function encodePath(path: string): string {
  return `/${splitPath(path)
    .map((s) => encodeURIComponent(safeDecode(s)))
    .join("/")}`;
}

export function filesEndpoint(p: StoragePath): string {
  return encodePath(`/api/v1/files/${remotePath(p)}`);
}

/** "/usb/" → "usb", "/local" → "local". */
export function storageName(storagePath: string): string {
  return splitPath(storagePath)[0] ?? storagePath;
}

export function joinPath(folder: string, name: string): string {
  return `/${[...splitPath(folder), ...splitPath(name)].join("/")}`;
}
