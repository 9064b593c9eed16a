import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";

/**
 * Test helper only: an HTTP proxy in front of a printer that counts how many
 * requests are open at once, to prove the driver never overlaps requests.
 */
export interface CountingProxy {
  port: number;
  stats: { requests: number; inFlight: number; maxInFlight: number; statuses: Record<number, number>; dropped: number };
  close(): Promise<void>;
}

export async function startCountingProxy(targetPort: number, targetHost = "127.0.0.1"): Promise<CountingProxy> {
  const statuses: Record<number, number> = {};
  const stats = { requests: 0, inFlight: 0, maxInFlight: 0, statuses, dropped: 0 };
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    stats.requests += 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    let open = true;
    const done = () => {
      if (open) stats.inFlight -= 1;
      open = false;
    };
    res.on("close", done);
    const upstream = request(
      { host: targetHost, port: targetPort, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        const status = up.statusCode ?? 502;
        stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
        res.writeHead(status, up.headers);
        up.pipe(res);
        up.on("error", () => res.destroy());
        up.on("aborted", () => res.destroy());
      },
    );
    upstream.on("error", () => {
      stats.dropped += 1;
      res.destroy();
    });
    req.pipe(upstream);
    res.on("close", () => upstream.destroy());
  };
  const server = createServer(forward);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
