#!/usr/bin/env node
// The web process: Next's production server behind a plain HTTP server that sets the
// forwarding headers from the socket and caps the request body before Next sees a request.
// Under `next start` a route handler never sees the socket and a client's own
// X-Forwarded-For passes through, so the client could choose the address the metrics
// allow-list and the login back-off see; and Next's proxy reads a whole body, however
// large, before a route's own cap can answer (lib/http/body-guard.ts).
// Usage: node scripts/web-server.mjs [--port N] [--hostname H] (default: PORT, all interfaces).
import { nodeLabel } from "./node-runtime.mjs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

// Imported only after node-runtime.mjs has checked the Node version: an old Node would fail
// on loading a .ts file before it could say what is wrong.
const { parseAddressList, rewriteForwarding } = await import("../lib/http/forwarding.ts");
const { bodyCapFor, guardBody } = await import("../lib/http/body-guard.ts");

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;
/** How long open requests (event streams never end by themselves) may run on after SIGTERM. */
const DRAIN_MS = 5_000;

function log(message) {
  process.stderr.write(`${JSON.stringify({ level: 30, time: new Date().toISOString(), module: "web-server", msg: message })}\n`);
}

// A wrong entry stops the process here, before it serves anything with the wrong trust.
const trusted = parseAddressList(process.env.PRINTERNIZER_TRUSTED_PROXIES ?? "", "PRINTERNIZER_TRUSTED_PROXIES");
process.env.NODE_ENV = "production";
const { default: next } = await import("next");
const app = next({ dev: false, dir: root, hostname: hostname ?? "0.0.0.0", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  rewriteForwarding(req.headers, req.socket.remoteAddress, trusted);
  // Before Next: its proxy reads a whole body before the route's own cap can answer.
  if (!guardBody(req, res, bodyCapFor(req.method ?? "GET", req.url ?? "/"))) return;
  handle(req, res).catch((err) => {
    log(`request failed: ${err instanceof Error ? err.message : String(err)}`);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.listen(port, hostname, () => log(`Printernizer web on ${hostname ?? "*"}:${port} (${nodeLabel()})`));

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  // Stop accepting, let running requests finish (as `next start` does), then let Next clean up.
  server.close(() => {
    app.close().finally(() => process.exit(0));
  });
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), DRAIN_MS).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
