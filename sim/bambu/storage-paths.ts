import { lstat, realpath } from "node:fs/promises";
import path from "node:path";

/**
 * The FTP view of a path: absolute, normalised, never above "/". ".." at the root stays
 * at the root, as on any FTP server.
 */
export function virtualPath(cwd: string, argument: string): string {
  const joined = argument.startsWith("/") ? argument : path.posix.join(cwd, argument);
  const normalised = path.posix.normalize(`/${joined}`);
  return normalised.length > 1 && normalised.endsWith("/") ? normalised.slice(0, -1) : normalised;
}

function inside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root + path.sep);
}

/**
 * Maps a virtual path onto the storage folder. Symlinks are resolved, so a link that
 * points outside the root is refused like any other escape. For a path that does not
 * exist yet (upload, mkdir, rename target) its parent must exist inside the root.
 * Returns null when the path is not servable.
 */
export async function diskPath(rootReal: string, virtual: string, mustExist: boolean): Promise<string | null> {
  if (virtual.includes("\0")) return null;
  const candidate = path.join(rootReal, ...virtual.split("/").filter(Boolean));
  if (!inside(rootReal, candidate)) return null;
  try {
    const real = await realpath(candidate);
    return inside(rootReal, real) ? real : null;
  } catch {
    if (mustExist || candidate === rootReal) return null;
    // A dangling symlink would send a write wherever it points.
    if (await lstat(candidate).then(() => true, () => false)) return null;
    try {
      const parent = await realpath(path.dirname(candidate));
      return inside(rootReal, parent) ? path.join(parent, path.basename(candidate)) : null;
    } catch {
      return null;
    }
  }
}
