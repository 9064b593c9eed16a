import path from "node:path";
import { waitFor } from "@/testing/worker/printers";
import { db } from "@/lib/db";
import { freshDatabase } from "../harness/database";
import { downloadRows, localCopies, printerWithLargeFile, queueDownload } from "../harness/downloads";
import { seconds, spawnWorker } from "../harness/processes";
import { outcome, type FaultScenario } from "../harness/scenario";

const MB = 1024 * 1024;

/**
 * Two workers (active and hot standby); the active one is killed with kill -9 while it
 * downloads a file. The standby takes over and finishes the download from the kept part:
 * one intact local copy, one download row done, nothing left half-written.
 */
export const workerKilledMidDownload: FaultScenario = {
  name: "worker-killed-mid-download",
  mustHold: "active worker killed with kill -9 mid-download: the standby finishes it; one intact local copy, one download done",
  async run(ctx) {
    const { dataDir } = await freshDatabase(ctx);
    const size = (ctx.full ? 64 : 12) * MB;
    const setup = await printerWithLargeFile(ctx, size, 2 * MB);
    const env = { PRINTERNIZER_WORKER_HEARTBEAT_MS: "1000", PRINTERNIZER_WORKER_LEASE_TTL_MS: "20000" };
    const first = spawnWorker(ctx, env, "worker-1");
    await waitFor(() => db.lease.findUnique({ where: { name: "worker" } }), "an active worker", 30_000);
    const second = spawnWorker(ctx, env, "worker-2");
    const fileId = await queueDownload(setup);
    const running = await waitFor(async () => (await downloadRows(fileId)).find((d) => d.status === "downloading" && d.bytes > BigInt(2 * MB)), "the download under way", 60_000);
    const holder = (await db.lease.findUniqueOrThrow({ where: { name: "worker" } })).holder;
    const active = holder.split(":")[1] === String(first.pid) ? first : second;
    active.kill("SIGKILL");
    const killedAt = Date.now();
    const done = await waitFor(async () => (await downloadRows(fileId)).find((d) => d.status === "done" || d.status === "failed"), "the download's end", 180_000);
    const finishedMs = Date.now() - killedAt;
    const copies = await localCopies(path.join(dataDir, "files"), fileId, setup.sha256);
    const rows = await downloadRows(fileId);
    return outcome(
      done.status === "done" && copies.parts === 0,
      `killed at ${Math.round(Number(running.bytes) / MB)} of ${size / MB} MB; standby finished ${seconds(finishedMs)} later (${done.attempts} attempts, ${rows.length} download row); ${copies.intact}/${copies.copies} copies intact, ${copies.parts} .part left`,
      copies.intact === 0 ? 1 : 0,
      Math.max(0, copies.copies - 1) + Math.max(0, rows.length - 1),
    );
  },
};
