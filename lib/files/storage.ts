import { constants } from "node:fs";
import { access, link, mkdir, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { numberedName, resolveInside, sanitizeSegment } from "./names";

/** Partial downloads, named by partKey(). */
export const TMP_DIR = ".tmp";
/** Extracted thumbnails, named by local file id. */
export const THUMBS_DIR = ".thumbs";
/** Suffix of a local file compressed by housekeeping. */
export const GZIP_SUFFIX = ".gz";

/**
 * Names a `.part` by printer file and the version the listing reported, so a retry
 * (a new Download row) resumes it, and a changed file never resumes into an old one.
 */
export function partKey(printerFileId: string, size: number | null, modifiedAt: Date | null): string {
  return `${printerFileId}-${size ?? "x"}-${modifiedAt?.getTime() ?? "x"}`;
}

/** The printer file id a `.part` name belongs to. */
export function partOwner(partName: string): string {
  return partName.split("-")[0];
}

export function partPath(root: string, key: string): string {
  return resolveInside(root, `${TMP_DIR}/${sanitizeSegment(key)}.part`);
}

/** "<printer>/<YYYY-MM-DD>/<file>" with every segment sanitized. */
export function targetRelativePath(printerName: string, day: string, fileName: string): string {
  return [sanitizeSegment(printerName, "printer"), sanitizeSegment(day, "day"), sanitizeSegment(fileName)].join("/");
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Moves a finished `.part` to `relative` under `root`, never overwriting: a taken name
 * (plain or compressed) gets " (2)", " (3)", ... The hard link is the atomic
 * "create if absent"; where links are not supported (some network shares) it falls
 * back to a checked rename. Returns the relative path used.
 */
export async function placeFile(root: string, part: string, relative: string): Promise<string> {
  const dir = path.posix.dirname(relative);
  const name = path.posix.basename(relative);
  await mkdir(resolveInside(root, dir), { recursive: true });
  for (let n = 1; n < 10_000; n++) {
    const candidate = `${dir}/${n === 1 ? name : numberedName(name, n)}`;
    const full = resolveInside(root, candidate);
    if (await exists(full + GZIP_SUFFIX)) continue;
    try {
      await link(part, full);
      await unlink(part);
      return candidate;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EEXIST") continue;
      if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "EXDEV") throw err;
      if (await exists(full)) continue;
      await rename(part, full);
      return candidate;
    }
  }
  throw new Error(`no free name for ${relative}`);
}
