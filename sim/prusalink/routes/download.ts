import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { formatEtag, ifNoneMatchNumber } from "../etag";
import { sendEmpty, statusText } from "../http-response";
import type { StorageEntry } from "../storage";
import type { RequestContext } from "./context";
import { decodeSegments, headerValue } from "./context";

export type ByteRange = { start: number; end: number };

/**
 * One `bytes=` range. Null means "ignore the header and send everything" (malformed or
 * several ranges, which RFC 9110 allows), "unsatisfiable" means 416.
 */
export function parseRange(value: string | undefined, size: number): ByteRange | "unsatisfiable" | null {
  if (!value) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m) return null;
  const [, from = "", to = ""] = m;
  if (from === "" && to === "") return null;
  if (from === "") {
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === "" ? size - 1 : Math.min(Number(to), size - 1);
  if (to !== "" && Number(to) < start) return null;
  if (start >= size) return "unsatisfiable";
  return { start, end };
}

function contentType(name: string): string {
  return /\.png$/i.test(name) ? "image/png" : "application/octet-stream";
}

/** Streams a file from disk with ETag, If-None-Match and single-range support. */
export async function sendFile(ctx: RequestContext, entry: StorageEntry): Promise<void> {
  const { req, res } = ctx;
  const etag = formatEtag(entry.etag);
  if (ifNoneMatchNumber(headerValue(req, "if-none-match")) === entry.etag) {
    sendEmpty(res, 304, { ETag: etag });
    return;
  }
  const ifRange = headerValue(req, "if-range");
  const range = ifRange === undefined || ifRange === etag ? parseRange(headerValue(req, "range"), entry.size) : null;
  const base = {
    "Content-Type": contentType(entry.longName),
    "Content-Disposition": "attachment",
    "Accept-Ranges": "bytes",
    ETag: etag,
  };
  if (range === "unsatisfiable") {
    res.writeHead(416, statusText(416), { ...base, "Content-Range": `bytes */${entry.size}`, "Content-Length": 0 });
    res.end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: entry.size - 1 };
  const length = entry.size === 0 ? 0 : end - start + 1;
  const headers = range
    ? { ...base, "Content-Length": length, "Content-Range": `bytes ${start}-${end}/${entry.size}` }
    : { ...base, "Content-Length": length };
  res.writeHead(range ? 206 : 200, statusText(range ? 206 : 200), headers);
  if (length === 0 || ctx.method === "HEAD") {
    res.end();
    return;
  }
  try {
    await pipeline(createReadStream(entry.diskPath, { start, end, highWaterMark: 1024 * 1024 }), res);
  } catch (error) {
    ctx.sim.log.debug({ err: error, file: entry.longName }, "download ended early");
  }
}

/** Buddy: GET /usb/<path> (the refs.download path). Pi: GET /api/files/local/<display path>/raw. */
export async function downloadSelector(ctx: RequestContext): Promise<boolean> {
  const pi = ctx.sim.opts.flavour === "pi";
  let apiPath: string | null = null;
  if (!pi && ctx.path.startsWith("/usb/")) apiPath = ctx.path;
  if (pi && ctx.path.startsWith("/api/files/local/") && ctx.path.endsWith("/raw")) {
    apiPath = ctx.path.slice("/api/files/local".length, -"/raw".length);
  }
  if (apiPath === null) return false;
  if (!ctx.authorize()) return true;
  if (ctx.method !== "GET") {
    ctx.fail(405);
    return true;
  }
  const segments = decodeSegments(apiPath);
  const entry = segments ? await ctx.sim.resolveApiPath(segments) : null;
  if (!entry || entry.kind !== "file" || (pi && entry.storage.id !== "local")) {
    ctx.fail(404);
    return true;
  }
  await sendFile(ctx, entry);
  return true;
}
