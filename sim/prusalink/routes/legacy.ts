import { sendJson } from "../http-response";
import type { FileTree } from "../render/renderer";
import type { Storage, StorageEntry } from "../storage";
import type { RequestContext } from "./context";
import { spaceInfo } from "./space";

async function tree(storage: Storage, entry: StorageEntry, depth: number): Promise<FileTree> {
  if (entry.kind !== "folder" || depth === 0) return { entry, children: [] };
  const children = await storage.children(entry);
  return { entry, children: await Promise.all(children.map((c) => tree(storage, c, depth - 1))) };
}

/** The OctoPrint-compatible endpoints older clients still use: /api/printer, /api/job, /api/files. */
export async function legacySelector(ctx: RequestContext): Promise<boolean> {
  const { sim } = ctx;
  if (ctx.path !== "/api/printer" && ctx.path !== "/api/job" && ctx.path !== "/api/files") return false;
  if (!ctx.authorize()) return true;
  if (ctx.method !== "GET") {
    ctx.fail(405);
    return true;
  }
  if (ctx.path === "/api/printer") {
    sendJson(ctx.res, 200, sim.render.legacyPrinter(sim.model.snapshot(), await spaceInfo(sim, { printBytes: false })));
  } else if (ctx.path === "/api/job") {
    sendJson(ctx.res, 200, sim.render.legacyJob(sim.model.snapshot()));
  } else {
    // Buddy lists only the top of the stick; the Pi returns whole trees of both storages.
    const pi = sim.opts.flavour === "pi";
    const trees: FileTree[] = [];
    for (const storage of sim.storages) {
      const root = await tree(storage, await storage.root(), pi ? 32 : 1);
      trees.push(...(pi ? [root] : root.children));
    }
    sendJson(ctx.res, 200, sim.render.legacyFiles(trees, await spaceInfo(sim, { printBytes: false })));
  }
  return true;
}
