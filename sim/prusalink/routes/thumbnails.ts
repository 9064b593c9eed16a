import { formatEtag, ifNoneMatchNumber } from "../etag";
import { sendEmpty } from "../http-response";
import { pickThumbnail } from "../thumbnails";
import type { RequestContext } from "./context";
import { decodeSegments, headerValue } from "./context";

function parse(ctx: RequestContext): { size: "small" | "large" | null; apiPath: string } | null {
  if (ctx.sim.opts.flavour === "pi") {
    const prefix = "/api/thumbnails";
    if (!ctx.path.startsWith(`${prefix}/`)) return null;
    const m = /^(.*)\.(orig|small)\.png$/.exec(ctx.path.slice(prefix.length));
    return m ? { size: m[2] === "small" ? "small" : "large", apiPath: m[1] ?? "" } : { size: null, apiPath: "" };
  }
  const m = /^\/thumb\/([^/]*)(\/.*)$/.exec(ctx.path);
  if (!m) return null;
  const size = m[1] === "s" ? "small" : m[1] === "l" ? "large" : null;
  return { size, apiPath: m[2] ?? "" };
}

/** Buddy: /thumb/s|l/usb/<path> (16x16 and large PNG). Pi: /api/thumbnails/<display path>.orig.png. */
export async function thumbnailSelector(ctx: RequestContext): Promise<boolean> {
  const parsed = parse(ctx);
  if (!parsed) return false;
  if (!ctx.authorize()) return true;
  if (ctx.method !== "GET") {
    ctx.fail(405);
    return true;
  }
  if (!parsed.size) {
    ctx.fail(404, "Thumbnail size specification not recognized");
    return true;
  }
  const segments = decodeSegments(parsed.apiPath);
  const entry = segments ? await ctx.sim.resolveApiPath(segments) : null;
  if (!entry || entry.kind !== "file") {
    ctx.fail(404);
    return true;
  }
  if (ifNoneMatchNumber(headerValue(ctx.req, "if-none-match")) === entry.etag) {
    sendEmpty(ctx.res, 304, { ETag: formatEtag(entry.etag) });
    return true;
  }
  const thumb = pickThumbnail(await ctx.sim.thumbnails.get(entry.diskPath, entry.etag), parsed.size);
  if (!thumb) {
    ctx.fail(404, "File doesn't contain preview");
    return true;
  }
  ctx.res.writeHead(200, { "Content-Type": "image/png", "Content-Length": thumb.png.length, ETag: formatEtag(entry.etag) });
  ctx.res.end(thumb.png);
  return true;
}
