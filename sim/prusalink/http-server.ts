import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { sendStatusPage } from "./http-response";
import type { RequestAuthenticator } from "./request-auth";
import type { RequestContext, Selector, SimContext } from "./routes/context";
import { headerValue } from "./routes/context";
import type { SlowBoard } from "./slow-board";

export interface HttpServerDeps {
  sim: SimContext;
  auth: RequestAuthenticator;
  slow: SlowBoard;
  /** Epoch ms until which the board answers nothing at all. */
  stalledUntil: () => number;
  selectors: Selector[];
}

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** node:http serving the printer's routes, behind the slow-board and stall switches. */
export async function startHttpServer(host: string, port: number, deps: HttpServerDeps): Promise<RunningServer> {
  const closing = new AbortController();
  const server = createServer((req, res) => {
    handle(req, res, deps, closing.signal).catch((error: unknown) => {
      deps.sim.log.error({ err: error, url: req.url }, "request failed");
      if (!res.headersSent) sendStatusPage(res, 500, { json: false });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("HTTP server has no TCP address");
  return {
    server,
    port: address.port,
    close: async () => {
      closing.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

async function waitOut(deps: HttpServerDeps, delayMs: number, signal: AbortSignal): Promise<boolean> {
  try {
    if (delayMs > 0) await sleep(delayMs, undefined, { signal });
    for (let left = deps.stalledUntil() - Date.now(); left > 0; left = deps.stalledUntil() - Date.now()) {
      await sleep(left, undefined, { signal });
    }
    return true;
  } catch {
    return false;
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: HttpServerDeps, signal: AbortSignal): Promise<void> {
  // Buddy sends no Date header.
  res.sendDate = false;
  const decision = deps.slow.decide();
  if (decision.action === "drop") {
    req.socket.destroy();
    return;
  }
  if (!(await waitOut(deps, decision.delayMs, signal)) || res.destroyed) {
    req.socket.destroy();
    return;
  }
  const acceptsJson = (headerValue(req, "accept") ?? "").trim().toLowerCase().startsWith("application/json");
  if (decision.action === "error") {
    sendStatusPage(res, 503, { json: acceptsJson });
    return;
  }
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  const ctx: RequestContext = {
    sim: deps.sim,
    req,
    res,
    method: req.method ?? "GET",
    path: query >= 0 ? url.slice(0, query) : url,
    acceptsJson,
    authorize: () => {
      const outcome = deps.auth.check({ method: req.method ?? "GET", url, headers: req.headers });
      if (outcome.ok) return true;
      sendStatusPage(res, outcome.status, { json: acceptsJson, message: outcome.message, headers: outcome.headers });
      return false;
    },
    fail: (status, message) => sendStatusPage(res, status, { json: acceptsJson, message }),
  };
  deps.sim.log.debug({ method: ctx.method, path: ctx.path }, "request");
  for (const selector of deps.selectors) {
    if (await selector(ctx)) return;
  }
  ctx.fail(404);
}
