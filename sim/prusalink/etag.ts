import { createHash } from "node:crypto";

/**
 * Buddy's ETags are plain numbers in quotes: the first 32 bits of a SHA-256 over the
 * file's inode, size and times. Only digits of If-None-Match are read.
 */
export function numericEtag(...parts: Array<string | number>): number {
  const hash = createHash("sha256").update(parts.join("\u0000")).digest();
  return hash.readUInt32LE(0) || 1;
}

export function formatEtag(etag: number): string {
  return `"${etag}"`;
}

export function ifNoneMatchNumber(header: string | undefined): number | null {
  if (!header) return null;
  const digits = header.replace(/[^0-9]/g, "");
  return digits ? Number(digits.slice(0, 15)) : null;
}
