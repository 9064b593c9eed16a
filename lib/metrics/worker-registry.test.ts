import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Liveness } from "@/worker/liveness";
import { parseExposition } from "./exposition";

const dir = mkdtempSync(path.join(tmpdir(), "printernizer-liveness-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

describe("worker liveness port", () => {
  it("serves the worker process's own metrics at /metrics beside /health", async () => {
    const liveness = new Liveness(path.join(dir, "heartbeat.json"), 10_000);
    const port = await liveness.listen(await freePort());
    try {
      await liveness.beat({ holder: "h", active: true, heartbeatAt: new Date().toISOString(), startedAt: new Date().toISOString() });
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      const { samples, types } = parseExposition(await res.text());
      expect(types.get("process_resident_memory_bytes")).toBe("gauge");
      expect(samples.find((s) => s.name === "nodejs_heap_size_used_bytes")?.labels.process).toBe("worker");
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      await liveness.close();
    }
  });
});
