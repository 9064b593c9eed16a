import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { promisify } from "node:util";
import type { FaultContext } from "./scenario";

const run = promisify(execFile);

/**
 * A real filesystem of `sizeMb` (tmpfs) mounted in the scenario's folder, unmounted
 * afterwards. Needs the right to mount (root, or a container with CAP_SYS_ADMIN); the
 * error says so instead of running the scenario on a disk that cannot fill.
 */
export async function smallDisk(ctx: FaultContext, dir: string, sizeMb: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  try {
    await run("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m`, "tmpfs", dir]);
  } catch (err) {
    throw new Error(`a ${sizeMb} MB tmpfs could not be mounted (run as root or with CAP_SYS_ADMIN): ${err instanceof Error ? err.message : String(err)}`);
  }
  ctx.defer(() => run("umount", ["-l", dir]));
  return dir;
}
