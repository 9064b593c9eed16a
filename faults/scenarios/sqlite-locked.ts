import path from "node:path";
import Database from "better-sqlite3";
import { db } from "@/lib/db";
import { waitFor } from "@/testing/worker/printers";
import { freshDatabase } from "../harness/database";
import { developerModeStored, startBambus } from "../harness/printers";
import { sleep, spawnWorker } from "../harness/processes";
import { outcome, type FaultScenario } from "../harness/scenario";

const LOCK_MS = 10_000;

/**
 * Another program holds the SQLite database's write lock for 10 s (a backup tool, a
 * `sqlite3` shell left in a transaction). Meanwhile a print ends and a printer changes.
 * After the lock the worker is still the one worker, the job is recorded finished once
 * and the change is stored.
 */
export const sqliteLocked: FaultScenario = {
  name: "sqlite-locked",
  mustHold: "SQLite write-locked for 10 s while a print ends: the worker lives on, the job is recorded once, the change made meanwhile is stored",
  async run(ctx) {
    const { dataDir } = await freshDatabase(ctx);
    const [changing, printing] = await startBambus(ctx, 2, { printSeconds: 8 });
    const worker = spawnWorker(ctx, { PRINTERNIZER_WORKER_HEARTBEAT_MS: "1000" });
    await waitFor(async () => (await db.printerStatus.count({ where: { online: true } })) === 2, "printers online", 60_000);
    const holder = (await waitFor(() => db.lease.findUnique({ where: { name: "worker" } }), "the worker's lease", 30_000)).holder;
    await printing.sim.startPrint((await printing.sim.printFiles())[0]);
    await waitFor(() => db.job.findFirst({ where: { printerId: printing.id, status: "printing" } }), "the print under way", 30_000);

    const lock = new Database(path.join(dataDir, "printernizer.db"));
    lock.exec("BEGIN EXCLUSIVE");
    const lockedAt = Date.now();
    const wanted = !changing.sim.state().developerMode;
    changing.sim.setDeveloperMode(wanted);
    await sleep(LOCK_MS);
    lock.exec("COMMIT");
    lock.close();
    const lockHeldMs = Date.now() - lockedAt;

    const changeMs = await developerModeStored(changing, wanted, 30_000);
    const ended = await waitFor(() => db.job.findFirst({ where: { printerId: printing.id, status: { not: "printing" } } }), "the job's end", 60_000).catch(() => null);
    const jobs = await db.job.count({ where: { printerId: printing.id } });
    const lease = await db.lease.findUniqueOrThrow({ where: { name: "worker" } });
    const stored = await db.event.count({ where: { printerId: changing.id, type: "printer.state", createdAt: { gte: new Date(lockedAt) } } });
    const alive = worker.exitCode === null && worker.signalCode === null;
    return outcome(
      alive && lease.holder === holder && changeMs !== null,
      `lock held ${(lockHeldMs / 1000).toFixed(1)} s; worker ${alive ? "alive" : "exited"}, lease ${lease.holder === holder ? "kept" : "changed hands"}; job ${ended?.status ?? "not ended"}; the change made during the lock stored ${changeMs ?? "never"} ms after the lock ended; ${stored} state events since the lock`,
      (ended?.status === "finished" ? 0 : 1) + (changeMs === null ? 1 : 0),
      Math.max(0, jobs - 1),
    );
  },
};
