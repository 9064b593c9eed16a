import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { apiError } from "@/lib/api/errors";
import { audit, type AuditActor } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { contentDisposition, contentTypeOf, parseRange } from "./http-range";
import { toBytes } from "./bytes";
import { resolveInside } from "./names";
import { GZIP_SUFFIX } from "./storage";
import { resolveLocalFile } from "./actions";

function body(stream: NodeJS.ReadableStream): ReadableStream<Uint8Array> {
  return Readable.toWeb(Readable.from(stream)) as ReadableStream<Uint8Array>;
}

/**
 * Serves a local copy. ETag is the SHA-256, so If-None-Match and If-Range are exact.
 * Uncompressed files answer ranges (206, Content-Range; 416 past the end). Files
 * housekeeping has gzipped are decompressed on the fly and sent whole (200,
 * "Accept-Ranges: none"): a byte range of the original would need an index into the
 * gzip stream, and these are old files that are rarely fetched. Only the first request
 * of a download (no range, or a range from byte 0) is audited, so a client fetching in
 * pieces does not flood the trail.
 */
export async function serveLocalFile(
  id: string,
  req: { headers: Headers; method: string },
  who: { actor: AuditActor; ip: string | null },
  root: string,
): Promise<Response> {
  const file = await resolveLocalFile(id);
  if (!file) throw apiError("not_found");
  const full = resolveInside(root, file.relativePath);
  const diskPath = file.compressed ? full + GZIP_SUFFIX : full;
  const info = await stat(diskPath).catch(() => null);
  if (!info) throw apiError("not_found");
  const size = toBytes(file.size);
  const etag = `"${file.sha256}"`;
  const headers = new Headers({
    "content-type": contentTypeOf(file.name),
    "content-disposition": contentDisposition(file.name),
    etag,
    // no-transform keeps `next start` from gzipping the file on the fly: print files are
    // text or +xml types it deems compressible, which cost seconds of CPU per 100 MB and
    // made a Range answer's bytes those of the gzip stream, not of the file.
    "cache-control": "private, no-cache, no-transform",
    "x-content-type-options": "nosniff",
    "accept-ranges": file.compressed ? "none" : "bytes",
  });
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });

  const ifRange = req.headers.get("if-range");
  const range = !file.compressed && (ifRange === null || ifRange === etag) ? parseRange(req.headers.get("range"), size) : null;
  if (range === "unsatisfiable") {
    headers.set("content-range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  if (range === null || range.start === 0) {
    await audit({ ...who, action: "files.downloaded", target: file.id, details: { name: file.name, size } });
  }
  if (file.compressed) {
    return new Response(req.method === "HEAD" ? null : body(createReadStream(diskPath).pipe(createGunzip())), { status: 200, headers });
  }
  if (range) {
    headers.set("content-range", `bytes ${range.start}-${range.end}/${size}`);
    headers.set("content-length", String(range.end - range.start + 1));
    return new Response(req.method === "HEAD" ? null : body(createReadStream(full, { start: range.start, end: range.end })), { status: 206, headers });
  }
  headers.set("content-length", String(size));
  return new Response(req.method === "HEAD" ? null : body(createReadStream(full)), { status: 200, headers });
}

/** The stored thumbnail of a printer file or local file (extracted by the worker from the print file). */
export async function serveThumbnail(id: string, root: string): Promise<Response> {
  const pf = await db.printerFile.findUnique({ where: { id }, select: { thumbnailPath: true } });
  const lf = pf ? null : await db.localFile.findUnique({ where: { id }, select: { thumbnailPath: true } });
  const relative = pf?.thumbnailPath ?? lf?.thumbnailPath ?? (pf ? (await resolveLocalFile(id))?.thumbnailPath : null);
  if (!relative) throw apiError("not_found");
  const full = resolveInside(root, relative);
  const info = await stat(full).catch(() => null);
  if (!info) throw apiError("not_found");
  return new Response(body(createReadStream(full)), {
    headers: {
      "content-type": relative.endsWith(".jpg") ? "image/jpeg" : "image/png",
      "content-length": String(info.size),
      "cache-control": "private, max-age=300",
      "x-content-type-options": "nosniff",
    },
  });
}
