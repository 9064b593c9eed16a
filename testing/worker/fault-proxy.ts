import http from "node:http";

/**
 * For tests only: an HTTP proxy in front of a PrusaLink simulator that answers every
 * request with a chosen status for a while (401, 403, 424, 500, …), the failures the
 * simulator itself cannot produce.
 */
export interface FaultProxy {
  port: number;
  /** Answers `status` to every request for `ms` milliseconds. */
  fail(status: number, ms: number): void;
  close(): Promise<void>;
}

export async function startFaultProxy(targetPort: number, host = "127.0.0.1"): Promise<FaultProxy> {
  let failing: { status: number; until: number } | null = null;
  const server = http.createServer((req, res) => {
    if (failing && Date.now() < failing.until) {
      req.resume();
      const headers: Record<string, string> = { "content-type": "text/plain" };
      if (failing.status === 401) headers["www-authenticate"] = 'Digest realm="Printer API", nonce="0000000000000000"';
      res.writeHead(failing.status, headers).end(`fault ${failing.status}`);
      return;
    }
    const upstream = http.request(
      { host, port: targetPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("proxy has no port");
  return {
    port: address.port,
    fail(status, ms) {
      failing = { status, until: Date.now() + ms };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
