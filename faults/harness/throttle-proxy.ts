import http from "node:http";

/**
 * An HTTP proxy in front of a PrusaLink simulator that passes file bodies (GET responses
 * larger than `minBytes`) at a set rate, and can hold one such body still for a while
 * after a given number of bytes: a slow printer, and a printer that stalls mid-download.
 */
export interface ThrottleProxy {
  port: number;
  /** The next large body stops after `afterBytes` for `ms`, then goes on. */
  stallNext(afterBytes: number, ms: number): void;
  /** Resolves when a planned stall has begun. */
  stalled(): Promise<void>;
  close(): Promise<void>;
}

export async function startThrottleProxy(targetPort: number, opts: { bytesPerSecond: number; minBytes?: number }): Promise<ThrottleProxy> {
  const minBytes = opts.minBytes ?? 64 * 1024;
  let plan: { afterBytes: number; ms: number } | null = null;
  let stallStarted: () => void = () => undefined;
  let stallBegun = new Promise<void>((resolve) => (stallStarted = resolve));
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const server = http.createServer((req, res) => {
    const upstream = http.request({ host: "127.0.0.1", port: targetPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      const length = Number(answer.headers["content-length"] ?? 0);
      if (req.method !== "GET" || length < minBytes) {
        answer.pipe(res);
        return;
      }
      const stall = plan;
      plan = null;
      void (async () => {
        let sent = 0;
        const started = Date.now();
        try {
          for await (const chunk of answer as AsyncIterable<Buffer>) {
            if (res.destroyed) break;
            if (stall && sent < stall.afterBytes && sent + chunk.length >= stall.afterBytes) {
              stallStarted();
              await sleep(stall.ms);
            }
            sent += chunk.length;
            if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
            const due = (sent / opts.bytesPerSecond) * 1000 - (Date.now() - started);
            if (due > 0) await sleep(due);
          }
          res.end();
        } catch {
          res.destroy();
        }
      })();
    });
    upstream.on("error", () => res.destroy());
    res.on("close", () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("proxy has no port");
  return {
    port: address.port,
    stallNext(afterBytes, ms) {
      plan = { afterBytes, ms };
      stallBegun = new Promise<void>((resolve) => (stallStarted = resolve));
    },
    stalled: () => stallBegun,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
