import { db } from "@/lib/db";
import { waitFor } from "@/testing/worker/printers";
import { freshDatabase } from "../harness/database";
import { startBambus } from "../harness/printers";
import { seconds, spawnWorker } from "../harness/processes";
import { outcome, type FaultScenario } from "../harness/scenario";

/**
 * Two workers (active and hot standby) on one database; the active one is killed with
 * kill -9 in the middle of a print. The standby takes over and carries the same job to
 * its end: one job row, finished, its state changes recorded once.
 */
export const workerKilledMidPrint: FaultScenario = {
  name: "worker-killed-mid-print",
  mustHold: "active worker killed with kill -9 mid-print: the standby carries the same job to its end; one job, finished",
  async run(ctx) {
    const printSeconds = ctx.full ? 60 : 14;
    await freshDatabase(ctx);
    const [printer] = await startBambus(ctx, 1, { printSeconds });
    const env = { PRINTERNIZER_WORKER_HEARTBEAT_MS: "1000", PRINTERNIZER_WORKER_LEASE_TTL_MS: "20000" };
    const first = spawnWorker(ctx, env, "worker-1");
    await waitFor(() => db.printerStatus.findFirst({ where: { printerId: printer.id, online: true } }), "printer online", 60_000);
    const second = spawnWorker(ctx, env, "worker-2");
    await printer.sim.startPrint((await printer.sim.printFiles())[0]);
    await waitFor(() => db.job.findFirst({ where: { printerId: printer.id, status: "printing", progress: { gt: 20 } } }), "the print under way", 60_000);
    const holder = (await db.lease.findUniqueOrThrow({ where: { name: "worker" } })).holder;
    const active = holder.split(":")[1] === String(first.pid) ? first : second;
    const standby = active === first ? second : first;
    active.kill("SIGKILL");
    const killedAt = Date.now();
    await waitFor(async () => (await db.lease.findUnique({ where: { name: "worker" } }))?.holder.split(":")[1] === String(standby.pid), "the standby's lease", 60_000);
    const takeoverMs = Date.now() - killedAt;
    const ended = await waitFor(() => db.job.findFirst({ where: { printerId: printer.id, status: { not: "printing" } } }), "the job's end", printSeconds * 1000 + 60_000);
    const jobs = await db.job.count({ where: { printerId: printer.id } });
    const changes = await db.jobStateChange.findMany({ where: { jobId: ended.id }, orderBy: { at: "asc" } });
    const finishedChanges = changes.filter((c) => c.status === "finished").length;
    return outcome(
      ended.status === "finished",
      `standby took over ${seconds(takeoverMs)} after kill -9; job ${ended.status} at ${Math.round(ended.progress)} %, ${jobs} job row, ${finishedChanges} "finished" state change`,
      ended.status === "finished" ? 0 : 1,
      Math.max(0, jobs - 1) + Math.max(0, finishedChanges - 1),
    );
  },
};
