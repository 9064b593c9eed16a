import { statfs } from "node:fs/promises";
import type { SpaceInfo } from "../render/renderer";
import type { SimContext } from "./context";

/** Free/total bytes of the disk under the storages, and print bytes per storage. */
export async function spaceInfo(sim: SimContext, opts: { printBytes: boolean } = { printBytes: true }): Promise<SpaceInfo> {
  const first = sim.storages[0];
  const fs = first ? await statfs(first.spec.dir) : null;
  const printBytes: Record<string, number> = {};
  for (const storage of opts.printBytes ? sim.storages : []) {
    const files = await storage.printFiles();
    printBytes[storage.id] = files.reduce((sum, f) => sum + f.size, 0);
  }
  return {
    freeBytes: fs ? fs.bavail * fs.bsize : 0,
    totalBytes: fs ? fs.blocks * fs.bsize : 0,
    printBytes,
  };
}
