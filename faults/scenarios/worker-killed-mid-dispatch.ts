import { mkdir, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { readPrintFileMetadata } from "@/lib/files/metadata/read-metadata";
import { confirmBedCleared } from "@/lib/printers/bed-actions";
import { addToQueue } from "@/lib/queue/repository";
import { createQueueItemSchema } from "@/lib/queue/schemas";
import { writeBigGcode3mf } from "@/testing/files/metadata/big-gcode-3mf";
import { sha256 } from "@/testing/worker/files";
import { waitFor } from "@/testing/worker/printers";
import { freshDatabase } from "../harness/database";
import { countStarts, startBambus, type SimulatedBambu } from "../harness/printers";
import { seconds, sleep, spawnWorker } from "../harness/processes";
import { outcome, type FaultScenario } from "../harness/scenario";

const MB = 1024 * 1024;
const system = { actor: { type: "system" as const }, userId: null };

/** The sizes of the copies of the queued file on a printer's storage (a temporary upload name included). */
async function sizesOnPrinter(printer: SimulatedBambu, name: string): Promise<number[]> {
  const entries = await readdir(printer.sim.storageDir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && e.name.includes(name));
  return Promise.all(files.map(async (e) => (await stat(path.join(e.parentPath, e.name))).size));
}

/**
 * Two workers (active and hot standby) and two A1 minis; two copies of a large file are
 * queued for any printer that fits with both beds confirmed clear, and the active worker
 * is killed with kill -9 while a copy is being dispatched. The standby takes over, settles
 * the dead worker's dispatch and finishes: each copy started exactly once, on its own
 * printer with its own job, and no half-written file left on a printer.
 */
export const workerKilledMidDispatch: FaultScenario = {
  name: "worker-killed-mid-dispatch",
  mustHold: "active worker killed with kill -9 mid-dispatch (2 copies, any fitting printer): the standby finishes; each copy started once, one job each, no half-written file",
  async run(ctx) {
    const { dataDir } = await freshDatabase(ctx);
    const copies = 2;
    const printers = await startBambus(ctx, copies, { model: "A1 mini", printSeconds: 600, prepareSeconds: 0.2, reportIntervalMs: 150, idleReportIntervalMs: 150 });
    const relativePath = "uploads/dispatch-fault.gcode.3mf";
    const full = path.join(dataDir, "files", relativePath);
    await mkdir(path.dirname(full), { recursive: true });
    await writeBigGcode3mf(full, (ctx.full ? 160 : 40) * MB);
    const data = await readFile(full);
    const local = await db.localFile.create({
      data: { relativePath, name: path.basename(relativePath), size: data.length, sha256: sha256(data), metadata: JSON.stringify(await readPrintFileMetadata(full)) },
    });

    const env = { PRINTERNIZER_WORKER_HEARTBEAT_MS: "500", PRINTERNIZER_WORKER_LEASE_TTL_MS: "3000" };
    const first = spawnWorker(ctx, env, "worker-1");
    await waitFor(() => db.lease.findUnique({ where: { name: "worker" } }), "an active worker", 30_000);
    const second = spawnWorker(ctx, env, "worker-2");
    for (const p of printers) await waitFor(() => db.printer.findFirst({ where: { id: p.id, bedState: "needs_clearing" } }), "printer first seen", 30_000);

    const starts = countStarts(printers);
    const { items } = await addToQueue(createQueueItemSchema.parse({ fileId: local.id, copies }), system, { locale: "en", seesCustomer: true });
    const itemIds = items.map((i) => i.id);
    for (const p of printers) await confirmBedCleared(p.id, system);

    // Kill while the upload runs (part of the file on the printer), or past it if it was too quick to catch.
    const dispatching = await waitFor(async () => {
      const item = await db.queueItem.findFirst({ where: { id: { in: itemIds }, status: "dispatching" } });
      const target = printers.find((p) => p.id === item?.assignedPrinterId);
      if (!item || !target) return null;
      const uploaded = Math.max(0, ...(await sizesOnPrinter(target, local.name)));
      return (uploaded > 0 && uploaded < data.length) || item.dispatchStage !== "recorded" ? item : null;
    }, "a dispatch under way", 30_000);
    const holder = (await db.lease.findUniqueOrThrow({ where: { name: "worker" } })).holder;
    const active = holder.split(":")[1] === String(first.pid) ? first : second;
    active.kill("SIGKILL");
    const killedAt = Date.now();
    const atKill = await db.queueItem.findUnique({ where: { id: dispatching.id }, select: { status: true, dispatchStage: true } });
    const stage = atKill?.status === "dispatching" ? (atKill.dispatchStage ?? "recorded") : (atKill?.status ?? "gone");
    const target = printers.find((p) => p.id === dispatching.assignedPrinterId);
    const uploadedAtKill = target ? Math.max(0, ...(await sizesOnPrinter(target, local.name))) : 0;

    await waitFor(() => db.queueItem.count({ where: { id: { in: itemIds }, status: "printing" } }).then((n) => (n === copies ? n : null)), "every copy printing", 60_000);
    const finishedMs = Date.now() - killedAt;
    // Time for a second start to show, had there been one.
    await sleep(3_000);
    const started = starts.stop();

    const rows = await db.queueItem.findMany({ where: { id: { in: itemIds } } });
    const jobs = await db.job.findMany({ where: { queueItemId: { in: itemIds } }, select: { id: true, queueItemId: true, printerId: true } });
    const startCount = [...started.values()].reduce((a, b) => a + b, 0);
    const linked = rows.filter((r) => r.status === "printing" && r.jobId && jobs.some((j) => j.id === r.jobId && j.queueItemId === r.id && j.printerId === r.assignedPrinterId));
    const jobsPerItem = itemIds.map((id) => jobs.filter((j) => j.queueItemId === id).length);
    let partial = 0;
    for (const p of printers) partial += (await sizesOnPrinter(p, local.name)).filter((size) => size !== data.length).length;
    const lost = rows.length === copies ? copies - linked.length : copies;
    const duplicated = Math.max(0, startCount - copies) + jobsPerItem.reduce((a, n) => a + Math.max(0, n - 1), 0);
    return outcome(
      partial === 0 && [...started.values()].every((n) => n === 1),
      `killed at stage ${stage}, ${(uploadedAtKill / MB).toFixed(1)} of ${(data.length / MB).toFixed(1)} MB on the printer; standby had ${copies} copies printing ${seconds(finishedMs)} later; starts per printer ${[...started.values()].join("/")}, jobs per item ${jobsPerItem.join("/")}; ${partial} half-written file(s) on the printers`,
      lost,
      duplicated,
    );
  },
};
