import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort, waitFor } from "./support/product";

interface Ready {
  worker: { holder: string | null; stale: boolean };
}

/** `npm start` is `node scripts/start.mjs`: web and worker as children of one launcher. */
test("npm start runs web and worker together, restarts a crashed worker, and stops cleanly", async ({ request }) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "printernizer-start-"));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const launcher = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: {
      ...process.env,
      PORT: String(port),
      PRINTERNIZER_DATA_DIR: dataDir,
      PRINTERNIZER_WORKER_PORT: "0",
      PRINTERNIZER_WORKER_HEARTBEAT_MS: "1000",
      PRINTERNIZER_WORKER_LEASE_TTL_MS: "3000",
      NEXTAUTH_SECRET: "start-e2e-secret-0123456789abcdef",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => launcher.once("exit", (code) => resolve(code)));
  try {
    await waitFor(`${baseURL}/api/ready`, 90_000);
    const holder = async () => ((await (await request.get(`${baseURL}/api/ready`)).json()) as Ready).worker.holder;
    await expect.poll(holder, { timeout: 30_000 }).not.toBeNull();
    const first = (await holder())!;

    // The holder is "host:pid:nonce"; kill that worker as a crash would.
    process.kill(Number(first.split(":")[1]), "SIGKILL");
    // The lease lapses (holder null), then the restarted worker takes it.
    await expect
      .poll(async () => {
        const now = await holder();
        return now !== null && now !== first;
      }, { timeout: 60_000 })
      .toBe(true);
    expect((await request.get(`${baseURL}/api/health`)).ok()).toBe(true);
  } finally {
    launcher.kill("SIGTERM");
  }
  expect(await exited).toBe(0);
});
