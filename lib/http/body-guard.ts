// The request body cap of the web process, applied before Next sees a request.
// Next's proxy (proxy.ts) clones every body it passes on and waits for the whole body before
// the route handler runs, so a handler's own cap (lib/api/handler.ts) only answers after a
// 1 GB body has been read to its end. scripts/web-server.mjs loads this file with Node's type
// stripping (no bundler, no tsx), so it imports nothing but Node built-ins and uses only
// erasable TypeScript syntax.
import type { IncomingMessage, ServerResponse } from "node:http";

/** The body cap of every route that does not stream its body (lib/api/handler.ts uses it too). */
export const REQUEST_BODY_MAX_BYTES = 1024 * 1024;

/** The English text of the `payload_too_large` error (messages/en/errors.json, checked in a test). */
export const PAYLOAD_TOO_LARGE_MESSAGE = "The request body is too large.";

/** Routes that stream their body and enforce their own, larger cap (the library upload: PRINTERNIZER_UPLOAD_MAX_MB). */
const streamedRoutes: readonly { method: string; path: string }[] = [{ method: "POST", path: "/api/files" }];

/** The most body bytes this request may send, or null where the route streams and caps its body itself. */
export function bodyCapFor(method: string, url: string): number | null {
  const pathname = url.split("?")[0];
  return streamedRoutes.some((route) => route.method === method && route.path === pathname) ? null : REQUEST_BODY_MAX_BYTES;
}

/**
 * Enforces `cap` on the request body: a declared Content-Length above it is answered 413 at
 * once (false: do not pass the request on); a body without one (chunked) is passed on, and
 * the moment it grows past the cap the request is answered 413 and the connection closed,
 * so nothing behind the guard ever receives more than `cap` bytes.
 */
export function guardBody(req: IncomingMessage, res: ServerResponse, cap: number | null): boolean {
  if (cap === null) return true;
  const declared = req.headers["content-length"];
  if (declared !== undefined && !(Number(declared) <= cap)) {
    refuse(req, res, cap);
    return false;
  }
  let received = 0;
  let cut = false;
  const push = req.push.bind(req);
  // Node's HTTP parser hands every body chunk to the request through push().
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk === null) return cut ? false : push(chunk, encoding);
    if (cut) return false;
    received += (chunk as Uint8Array).byteLength;
    if (received <= cap) return push(chunk, encoding);
    cut = true;
    refuse(req, res, cap);
    return false;
  };
  return true;
}

function refuse(req: IncomingMessage, res: ServerResponse, cap: number): void {
  // Whatever is still waiting for the body sees the connection close; a late write to the
  // answered response must not become an unhandled error event.
  res.on("error", () => undefined);
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  const body = JSON.stringify({ error: { code: "payload_too_large", message: PAYLOAD_TOO_LARGE_MESSAGE, details: { maxBytes: cap } } });
  res.writeHead(413, { "content-type": "application/json", "cache-control": "no-store", connection: "close", "content-length": Buffer.byteLength(body) });
  res.end(body, () => req.socket.destroy());
}
