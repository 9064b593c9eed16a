import http from "node:http";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/config/env";
import { workerMetricsRegistry } from "@/lib/metrics/worker-registry";

export interface LivenessSnapshot {
  holder: string;
  active: boolean;
  heartbeatAt: string;
  startedAt: string;
}

/**
 * The worker's own liveness check for probes that cannot reach the database: a small
 * HTTP port (GET /health, 503 once heartbeats stop; GET /metrics, the process's own
 * Prometheus metrics) and a heartbeat file beside the data.
 */
export class Liveness {
  private server: http.Server | null = null;
  private snapshot: LivenessSnapshot | null = null;

  constructor(
    private readonly file: string,
    private readonly staleMs: number,
  ) {}

  async listen(port: number): Promise<number | null> {
    // Port 0 turns the HTTP check off (the heartbeat file remains), e.g. for several workers on one host.
    if (port === 0) return null;
    this.server = http.createServer((req, res) => {
      const fresh = this.snapshot !== null && Date.now() - Date.parse(this.snapshot.heartbeatAt) < this.staleMs;
      if (req.url === "/metrics") {
        const registry = workerMetricsRegistry();
        void registry.metrics().then(
          (body) => res.writeHead(200, { "content-type": registry.contentType }).end(body),
          () => res.writeHead(500).end(),
        );
        return;
      }
      if (req.url !== "/health") {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(fresh ? 200 : 503, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: fresh ? "ok" : "stale", ...this.snapshot }));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, env().PRINTERNIZER_WORKER_HOST, resolve);
    });
    const address = this.server.address();
    return typeof address === "object" && address ? address.port : null;
  }

  async beat(snapshot: LivenessSnapshot): Promise<void> {
    this.snapshot = snapshot;
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(snapshot));
    await rename(tmp, this.file);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
  }
}
