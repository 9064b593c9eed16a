import { readdir, rm, rmdir } from "node:fs/promises";
import { formatEtag, ifNoneMatchNumber, numericEtag } from "../etag";
import type { Headers } from "../http-response";
import { sendEmpty, sendJson } from "../http-response";
import { toWireJson } from "../json-wire";
import { isPrintFileName } from "../print-file";
import type { Storage, StorageEntry } from "../storage";
import type { RequestContext } from "./context";
import { decodeSegments, headerValue } from "./context";
import { handleUpload } from "./upload";

const filesPrefix = "/api/v1/files";

/** The v1 file API: metadata and listings (GET/HEAD), upload (PUT), print (POST), delete. */
export async function filesSelector(ctx: RequestContext): Promise<boolean> {
  if (ctx.path !== filesPrefix && !ctx.path.startsWith(`${filesPrefix}/`)) return false;
  if (!ctx.authorize()) return true;
  const segments = decodeSegments(ctx.path.slice(filesPrefix.length));
  if (segments === null) {
    ctx.fail(404, "This doesn't look like file name");
    return true;
  }
  const [storageId, ...rest] = segments;
  const storage = ctx.sim.storages.find((s) => s.id === storageId);
  if (!storage) {
    // Buddy refuses anything outside /usb outright; the Pi does not know the storage.
    ctx.fail(ctx.sim.opts.flavour === "buddy" ? 403 : 404);
    return true;
  }
  switch (ctx.method) {
    case "GET":
    case "HEAD":
      await describe(ctx, storage, rest);
      return true;
    case "PUT":
      await handleUpload(ctx, storage, rest);
      return true;
    case "POST":
      await startPrint(ctx, storage, rest);
      return true;
    case "DELETE":
      await remove(ctx, storage, rest);
      return true;
    default:
      ctx.fail(405);
      return true;
  }
}

function printingEntry(ctx: RequestContext, entry: StorageEntry): boolean {
  return ctx.sim.model.snapshot().job?.file.diskPath === entry.diskPath;
}

async function describe(ctx: RequestContext, storage: Storage, segments: string[]): Promise<void> {
  const entry = await storage.resolve(segments);
  if (!entry) {
    ctx.fail(404);
    return;
  }
  const children = entry.kind === "folder" ? await storage.children(entry) : [];
  const etag =
    entry.kind === "folder"
      ? numericEtag(entry.apiPath, ...children.map((c) => `${c.name}:${c.longName}:${c.etag}`))
      : entry.etag;
  // The Pi writes Python booleans and (per the spec) Currently-Printed; Buddy says Currently-Printing.
  const pi = ctx.sim.opts.flavour === "pi";
  const flag = (value: boolean) => (pi ? (value ? "True" : "False") : String(value));
  const headers: Headers = {
    ETag: formatEtag(etag),
    "Read-Only": flag(pi && storage.spec.readOnly),
    [pi ? "Currently-Printed" : "Currently-Printing"]: flag(printingEntry(ctx, entry)),
  };
  if (ifNoneMatchNumber(headerValue(ctx.req, "if-none-match")) === etag) {
    sendEmpty(ctx.res, 304, { ETag: formatEtag(etag) });
    return;
  }
  const body = entry.kind === "folder" ? ctx.sim.render.folder(entry, children) : ctx.sim.render.file(entry);
  if (ctx.method === "HEAD") {
    ctx.res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(toWireJson(body)), ...headers });
    ctx.res.end();
    return;
  }
  sendJson(ctx.res, 200, body, headers);
}

async function startPrint(ctx: RequestContext, storage: Storage, segments: string[]): Promise<void> {
  const entry = await storage.resolve(segments);
  if (!entry || entry.kind !== "file") {
    ctx.fail(404);
    return;
  }
  if (!isPrintFileName(entry.longName)) {
    ctx.fail(409);
    return;
  }
  const job = ctx.sim.model.start(storage.fileRef(entry));
  if (!job) {
    ctx.fail(409);
    return;
  }
  ctx.sim.log.info({ jobId: job.id, file: entry.longName }, "print started");
  sendEmpty(ctx.res, 204);
}

async function remove(ctx: RequestContext, storage: Storage, segments: string[]): Promise<void> {
  if (storage.spec.readOnly) {
    ctx.fail(409, "Storage is read only");
    return;
  }
  const entry = segments.length > 0 ? await storage.resolve(segments) : null;
  if (!entry) {
    ctx.fail(404);
    return;
  }
  if (entry.kind === "file") {
    if (printingEntry(ctx, entry)) {
      ctx.fail(409, "File is busy");
      return;
    }
    await rm(entry.diskPath);
  } else {
    const inside = await readdir(entry.diskPath);
    const printing = ctx.sim.model.snapshot().job?.file.diskPath.startsWith(`${entry.diskPath}/`) ?? false;
    const force = headerValue(ctx.req, "force") === "?1";
    if (printing || (inside.length > 0 && !force)) {
      ctx.fail(409, printing ? "File is busy" : "Directory is not empty");
      return;
    }
    if (inside.length > 0) await rm(entry.diskPath, { recursive: true });
    else await rmdir(entry.diskPath);
  }
  ctx.sim.log.info({ path: entry.displayPath }, "deleted");
  sendEmpty(ctx.res, 204);
}

