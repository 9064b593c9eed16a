import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { readPrintFileMetadata } from "@/lib/files/metadata/read-metadata";
import { confirmBedCleared } from "@/lib/printers/bed-actions";
import { addToQueue } from "@/lib/queue/repository";
import { createQueueItemSchema } from "@/lib/queue/schemas";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { tempPostgres, type TestDatabase } from "@/testing/db/databases";
import { writeBigGcode3mf } from "@/testing/files/metadata/big-gcode-3mf";
import { addBambuPrinter, waitFor } from "@/testing/worker/printers";
import { sha256 } from "@/testing/worker/files";

/**
 * Two real worker processes on one PostgreSQL database, as in a scaled-out deployment:
 * the active one is killed (SIGKILL) while it dispatches two copies to two A1 minis, the
 * standby takes the lease, settles what the dead one began, and each printer ends up
 * with exactly one start: one job per copy, each linked to its own item.
 */

const root = path.resolve(import.meta.dirname, "../..");
const system = { actor: { type: "system" as const }, userId: null };
let database: TestDatabase;
let dataDir: string;
let filesDir: string;
const sims: BambuSimulator[] = [];
const printerIds: string[] = [];
const workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      PRINTERNIZER_DATA_DIR: dataDir,
      PRINTERNIZER_FILES_DIR: filesDir,
      PRINTERNIZER_WORKER_PORT: "0",
      PRINTERNIZER_WORKER_HEARTBEAT_MS: "500",
      PRINTERNIZER_WORKER_LEASE_TTL_MS: "3000",
      PRINTERNIZER_PRINTER_RECONCILE_MS: "500",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  workers.push(child);
  return child;
}

const holderPid = async () => {
  const lease = await db.lease.findUnique({ where: { name: "worker" } });
  return lease && lease.expiresAt > new Date() ? Number(lease.holder.split(":")[1]) : null;
};

beforeAll(async () => {
  database = await tempPostgres();
  dataDir = mkdtempSync(path.join(tmpdir(), "pz-queue-takeover-"));
  filesDir = path.join(dataDir, "files");
  process.env.DATABASE_URL = database.url;
  process.env.PRINTERNIZER_DATA_DIR = dataDir;
  await closeDb();
  await applyMigrations(database.url);
  for (const serial of ["0300AA000000011", "0300AA000000012"]) {
    const sim = await startBambuSimulator({ serial, accessCode: "40213377", model: "A1 mini", host: "127.0.0.1", printSeconds: 600, prepareSeconds: 0.2, reportIntervalMs: 150 });
    sims.push(sim);
    printerIds.push((await addBambuPrinter(sim, `Mini ${serial.slice(-2)}`)).id);
  }
}, 60_000);

afterAll(async () => {
  for (const child of workers) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const sim of sims) await sim.close();
  await closeDb();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("queue dispatch across a worker takeover (PostgreSQL)", () => {
  it("finishes or rolls back the dead worker's dispatch: one start per copy", async () => {
    const first = startWorker();
    await waitFor(async () => (await holderPid()) === first.pid, "first worker active", 60_000);
    const standby = startWorker();
    for (const id of printerIds) await waitFor(() => db.printer.findFirst({ where: { id, bedState: "needs_clearing" } }), "printer first seen", 60_000);

    // A large file, so the upload keeps the dispatch open for a while.
    const relativePath = "uploads/takeover.gcode.3mf";
    const full = path.join(filesDir, relativePath);
    await mkdir(path.dirname(full), { recursive: true });
    await writeBigGcode3mf(full, 40 * 1024 * 1024);
    const data = await readFile(full);
    const local = await db.localFile.create({
      data: { relativePath, name: "takeover.gcode.3mf", size: data.length, sha256: sha256(data), metadata: JSON.stringify(await readPrintFileMetadata(full)) },
    });
    const { items } = await addToQueue(createQueueItemSchema.parse({ fileId: local.id, copies: 2 }), system, { locale: "en", seesCustomer: true });
    for (const id of printerIds) await confirmBedCleared(id, system);

    await waitFor(() => db.queueItem.findFirst({ where: { status: "dispatching" } }), "a dispatch under way", 60_000);
    first.kill("SIGKILL");
    await waitFor(async () => (await holderPid()) === standby.pid, "standby took over", 60_000);

    const itemIds = items.map((i) => i.id);
    await waitFor(() => db.queueItem.count({ where: { id: { in: itemIds }, status: "printing" } }).then((n) => n === 2), "both copies printing", 120_000);
    // Time for a second start to show, had there been one.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const rows = await db.queueItem.findMany({ where: { id: { in: itemIds } } });
    expect(new Set(rows.map((r) => r.assignedPrinterId))).toEqual(new Set(printerIds));
    for (const id of printerIds) {
      const jobs = await db.job.findMany({ where: { printerId: id } });
      expect(jobs).toHaveLength(1);
      expect(itemIds).toContain(jobs[0].queueItemId);
    }
    expect(new Set(rows.map((r) => r.jobId)).size).toBe(2);
    for (const sim of sims) expect(sim.state().fileName).toContain("takeover.gcode.3mf");
  }, 240_000);
});
