import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { test } from "@playwright/test";
import { tempPostgres, testDatabaseKind } from "@/testing/db/databases";

const root = path.resolve(import.meta.dirname, "..", "..");
/** The web process as users run it (`npm start`, the image): Next behind the forwarding-header rewrite. */
const webServer = path.join(root, "scripts", "web-server.mjs");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function exited(proc: ChildProcess): Promise<number | null> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(proc.exitCode);
  return new Promise((resolve) => proc.once("exit", (code) => resolve(code)));
}

export interface Product {
  baseURL: string;
  dataDir: string;
  /** The product's DATABASE_URL: a SQLite file in dataDir, or a throwaway PostgreSQL database. */
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  startWeb(): Promise<void>;
  killWeb(): Promise<void>;
  startWorker(): Promise<ChildProcess>;
  /** Process ids of the running web process and workers, for measurements. */
  pids(): { web: number | null; workers: number[] };
  stop(): Promise<void>;
}

/**
 * The database to start the product on: the one the running Playwright project names
 * (playwright.config.ts, `metadata.database`); outside a Playwright test (the benchmarks)
 * PRINTERNIZER_TEST_DB, SQLite by default.
 */
function databaseKind(): "sqlite" | "postgresql" {
  let metadata: { database?: unknown };
  try {
    metadata = test.info().project.metadata;
  } catch {
    return testDatabaseKind();
  }
  if (typeof metadata.database !== "string") throw new Error(`project "${test.info().project.name}" sets no metadata.database`);
  return testDatabaseKind({ ...process.env, PRINTERNIZER_TEST_DB: metadata.database });
}

/**
 * A real Printernizer (production build, web and worker processes) on a fresh data folder
 * and a fresh database (see databaseKind()): SQLite in that folder, or a throwaway
 * PostgreSQL database; `stop()` drops the database and removes the folder.
 */
/** For load measurements: API budgets no benchmark reaches, so it measures the product, not its limiter's refusals. */
export const unlimitedRates: Record<string, string> = Object.fromEntries(
  ["READ", "WRITE", "EXPORT", "STREAM"].map((budget) => [`PRINTERNIZER_RATE_LIMIT_${budget}`, "100000000"]),
);

export async function startProduct(extraEnv: Record<string, string> = {}): Promise<Product> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "printernizer-e2e-"));
  const database = databaseKind() === "postgresql" ? await tempPostgres() : null;
  const databaseUrl = database?.url ?? `file:${path.join(dataDir, "printernizer.db")}`;
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    PRINTERNIZER_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: baseURL,
    NEXTAUTH_SECRET: "e2e-secret-not-for-production-use-0123456789",
    PRINTERNIZER_WORKER_PORT: "0",
    PRINTERNIZER_WORKER_HEARTBEAT_MS: "1000",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    ...extraEnv,
  };
  let web: ChildProcess | null = null;
  const workers: ChildProcess[] = [];

  const product: Product = {
    baseURL,
    dataDir,
    databaseUrl,
    env,
    async startWeb() {
      web = spawn(process.execPath, ["--liftoff-only", webServer, "--port", String(port), "--hostname", "127.0.0.1"], {
        cwd: root,
        env,
        stdio: ["ignore", "inherit", "inherit"],
      });
      await waitFor(`${baseURL}/api/ready`, 60_000);
    },
    async killWeb() {
      if (!web) return;
      web.kill("SIGKILL");
      await exited(web);
      web = null;
    },
    async startWorker() {
      const worker = spawn(process.execPath, ["--liftoff-only", "--max-semi-space-size=1", "--import", "tsx", "worker/main.ts"], {
        cwd: root,
        env,
        stdio: ["ignore", "inherit", "inherit"],
      });
      workers.push(worker);
      return worker;
    },
    pids() {
      return {
        web: web?.pid ?? null,
        workers: workers.filter((w) => w.exitCode === null).map((w) => w.pid ?? 0),
      };
    },
    async stop() {
      const all = [web, ...workers].filter((p): p is ChildProcess => p !== null);
      for (const p of all) if (p.exitCode === null) p.kill("SIGTERM");
      await Promise.all(all.map(exited));
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await product.startWeb();
    await product.startWorker();
  } catch (error) {
    await product.stop();
    throw error;
  }
  return product;
}
