import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { tempPostgres, type TestDatabase } from "@/testing/db/databases";
import { freePort, waitFor } from "./product";

const root = path.resolve(import.meta.dirname, "..", "..");
/** The web process as users run it (`npm start`, the image): Next behind the forwarding-header rewrite. */
const webServer = path.join(root, "scripts", "web-server.mjs");

function exited(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => proc.once("exit", () => resolve()));
}

export interface Cluster {
  databaseUrl: string;
  /** Base URLs of the web processes, in start order. */
  webs: string[];
  /** The worker processes, in start order (killed ones included). */
  workers: ChildProcess[];
  stop(): Promise<void>;
}

/**
 * Printernizer scaled out on one fresh PostgreSQL database: several web processes and
 * several workers (one active, the others waiting for the lease), spawned the way
 * e2e/support/product.ts spawns a single product.
 */
export async function startCluster(opts: { webs: number; workers: number; env?: Record<string, string> }): Promise<Cluster> {
  const database: TestDatabase = await tempPostgres();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "printernizer-cluster-"));
  const shared: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PRINTERNIZER_DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: "e2e-secret-not-for-production-use-0123456789",
    PRINTERNIZER_WORKER_PORT: "0",
    PRINTERNIZER_WORKER_HEARTBEAT_MS: "1000",
    PRINTERNIZER_WORKER_LEASE_TTL_MS: "5000",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    ...opts.env,
  };
  const processes: ChildProcess[] = [];
  const webs: string[] = [];
  const workers: ChildProcess[] = [];
  const stop = async () => {
    for (const p of processes) if (p.exitCode === null && p.signalCode === null) p.kill("SIGTERM");
    await Promise.all(processes.map(exited));
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < opts.webs; i++) {
      const port = await freePort();
      const baseURL = `http://127.0.0.1:${port}`;
      const web = spawn(process.execPath, ["--liftoff-only", webServer, "--port", String(port), "--hostname", "127.0.0.1"], {
        cwd: root,
        env: { ...shared, PORT: String(port), NEXTAUTH_URL: baseURL },
        stdio: ["ignore", "inherit", "inherit"],
      });
      processes.push(web);
      webs.push(baseURL);
    }
    for (let i = 0; i < opts.workers; i++) {
      const worker = spawn(process.execPath, ["--liftoff-only", "--max-semi-space-size=1", "--import", "tsx", "worker/main.ts"], {
        cwd: root,
        env: shared,
        stdio: ["ignore", "inherit", "inherit"],
      });
      processes.push(worker);
      workers.push(worker);
    }
    await Promise.all(webs.map((url) => waitFor(`${url}/api/ready`, 60_000)));
  } catch (error) {
    await stop();
    throw error;
  }
  return { databaseUrl: database.url, webs, workers, stop };
}
