import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { sendEmpty, sendJson } from "../http-response";
import { isPrintFileName } from "../print-file";
import type { Storage } from "../storage";
import type { RequestContext } from "./context";
import { headerValue } from "./context";

/** RFC 8941 booleans ("?1"), plus the "1"/"true" the firmware's parser also takes. */
function truthy(value: string | undefined): boolean {
  return value === "?1" || value === "1" || value === "true";
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * PUT /api/v1/files/<storage>/<path>: streams the body into a hidden part file next to
 * the target and renames it when every byte arrived, so a broken upload leaves nothing.
 */
export async function handleUpload(ctx: RequestContext, storage: Storage, segments: string[]): Promise<void> {
  const { sim, req } = ctx;
  if (storage.spec.readOnly) {
    ctx.fail(409, "Storage is read only");
    return;
  }
  if (truthy(headerValue(req, "create-folder"))) {
    const folder = await storage.ensureFolder(segments);
    if (!folder) ctx.fail(404);
    else sendEmpty(ctx.res, 201);
    return;
  }
  const lengthHeader = headerValue(req, "content-length");
  if (lengthHeader === undefined || !/^\d+$/.test(lengthHeader)) {
    ctx.fail(411);
    return;
  }
  const size = Number(lengthHeader);
  const name = segments[segments.length - 1] ?? "";
  if (!isPrintFileName(name)) {
    ctx.fail(415);
    return;
  }
  const target = await storage.writeTarget(segments);
  if (!target) {
    ctx.fail(404, "This doesn't look like file name");
    return;
  }
  const overwrite = truthy(headerValue(req, "overwrite"));
  if (await exists(target.diskPath)) {
    if (!overwrite) {
      ctx.fail(409, "File already exists");
      return;
    }
    if (sim.model.snapshot().job?.file.diskPath === target.diskPath) {
      ctx.fail(409, "File is busy");
      return;
    }
  }
  const toPrint = truthy(headerValue(req, "print-after-upload"));
  const transfer = sim.transfers.begin({ displayName: target.longName, path: storage.spec.apiRoot, size, toPrint });
  if (!transfer) {
    ctx.fail(409, "Another transfer is in progress");
    return;
  }
  const partPath = path.join(path.dirname(target.diskPath), `.${target.longName}.part`);
  try {
    await mkdir(path.dirname(partPath), { recursive: true });
    req.on("data", (chunk: Buffer) => sim.transfers.progress(transfer, chunk.length));
    await pipeline(req, createWriteStream(partPath));
    if (transfer.transferred !== size) throw new Error(`got ${transfer.transferred} of ${size} bytes`);
    await rename(partPath, target.diskPath);
  } catch (error) {
    sim.log.warn({ err: error, file: target.longName }, "upload failed");
    await rm(partPath, { force: true });
    if (!ctx.res.headersSent && !req.destroyed) ctx.fail(400, "Upload incomplete");
    return;
  } finally {
    sim.transfers.end(transfer);
  }
  sim.log.info({ file: target.longName, bytes: size, toPrint }, "upload complete");
  const entry = await storage.resolve([...target.parentSegments, target.longName]);
  if (toPrint && entry) {
    const job = sim.model.start(storage.fileRef(entry));
    if (job) sim.log.info({ jobId: job.id, file: entry.longName }, "print started after upload");
  }
  if (sim.opts.flavour === "buddy" && entry) sendJson(ctx.res, 201, sim.render.file(entry));
  else sendEmpty(ctx.res, 201);
}
