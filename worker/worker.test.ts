import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

interface LeaseRow {
  holder: string;
  /** Prisma stores SQLite DateTime values as ISO text. */
  expiresAt: string;
}

/** Real worker processes against one SQLite file, as in production. */
function startWorker(dataDir: string, leaseTtlMs = 3_000): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PRINTERNIZER_DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "printernizer.db")}`,
      PRINTERNIZER_WORKER_PORT: "0",
      PRINTERNIZER_WORKER_HEARTBEAT_MS: "500",
      PRINTERNIZER_WORKER_LEASE_TTL_MS: String(leaseTtlMs),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

function lease(dataDir: string): LeaseRow | undefined {
  try {
    const db = new Database(path.join(dataDir, "printernizer.db"), { readonly: true, fileMustExist: true });
    try {
      return db.prepare("SELECT holder, expiresAt FROM Lease WHERE name = 'worker'").get() as LeaseRow | undefined;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

function holderPid(row: LeaseRow | undefined): number | null {
  return row ? Number(row.holder.split(":")[1]) : null;
}

async function until<T>(fn: () => T | undefined | null | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

function exitOf(proc: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => proc.once("exit", (code, signal) => resolve({ code, signal })));
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) if (p.exitCode === null) p.kill("SIGKILL");
});

describe("worker process", () => {
  it("takes the lease, and on SIGTERM releases it and exits 0", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "pz-worker-"));
    const worker = startWorker(dataDir);
    running.push(worker);
    await until(() => holderPid(lease(dataDir)) === worker.pid, 30_000);

    const exit = exitOf(worker);
    worker.kill("SIGTERM");
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(Date.parse(lease(dataDir)!.expiresAt)).toBeLessThan(Date.now());
  }, 60_000);

  it("keeps a second worker on standby until the first dies, then hands over", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "pz-worker-"));
    const first = startWorker(dataDir);
    running.push(first);
    await until(() => holderPid(lease(dataDir)) === first.pid, 30_000);

    const second = startWorker(dataDir);
    running.push(second);
    // The standby has started (it beats its own liveness file) but does not take over.
    await new Promise((r) => setTimeout(r, 4_000));
    expect(holderPid(lease(dataDir))).toBe(first.pid);

    first.kill("SIGKILL");
    await until(() => holderPid(lease(dataDir)) === second.pid, 30_000);

    const exit = exitOf(second);
    second.kill("SIGINT");
    expect((await exit).code).toBe(0);
  }, 90_000);

  it("restarted after kill -9 on the same host, takes its dead lease over before the lease expires", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "pz-worker-"));
    const ttlMs = 600_000;
    const first = startWorker(dataDir, ttlMs);
    running.push(first);
    await until(() => holderPid(lease(dataDir)) === first.pid, 30_000);
    const exit = exitOf(first);
    first.kill("SIGKILL");
    await exit;
    const killedAt = Date.now();

    const second = startWorker(dataDir, ttlMs);
    running.push(second);
    await until(() => holderPid(lease(dataDir)) === second.pid, 60_000);
    expect(Date.now() - killedAt).toBeLessThan(ttlMs);
  }, 90_000);
});
