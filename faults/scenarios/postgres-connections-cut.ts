import { db } from "@/lib/db";
import { waitFor } from "@/testing/worker/printers";
import { freshDatabase } from "../harness/database";
import { developerModeStored, startBambus } from "../harness/printers";
import { privatePostgres } from "../harness/private-postgres";
import { sleep, spawnWorker } from "../harness/processes";
import { outcome, type FaultScenario } from "../harness/scenario";

/**
 * On PostgreSQL (a private server started for the scenario), every connection to the
 * database is cut with pg_terminate_backend while a print ends and a printer changes
 * (three times, a second apart; ten in the full run). The worker reconnects, stays the
 * one worker, records the job once and stores the change.
 */
export const postgresConnectionsCut: FaultScenario = {
  name: "postgres-connections-cut",
  mustHold: "PostgreSQL: all connections cut (pg_terminate_backend) while a print ends: the worker reconnects, keeps the lease, records the job once, stores the change",
  async run(ctx) {
    const cuts = ctx.full ? 10 : 3;
    const server = await privatePostgres(ctx);
    await freshDatabase(ctx, server.url);
    const [changing, printing] = await startBambus(ctx, 2, { printSeconds: 6 });
    const worker = spawnWorker(ctx, { PRINTERNIZER_WORKER_HEARTBEAT_MS: "1000" });
    await waitFor(async () => (await db.printerStatus.count({ where: { online: true } })) === 2, "printers online", 60_000);
    const holder = (await waitFor(() => db.lease.findUnique({ where: { name: "worker" } }), "the worker's lease", 30_000)).holder;
    await printing.sim.startPrint((await printing.sim.printFiles())[0]);
    await waitFor(() => db.job.findFirst({ where: { printerId: printing.id, status: "printing" } }), "the print under way", 30_000);

    const cutAt = new Date();
    let ended = 0;
    const wanted = !changing.sim.state().developerMode;
    for (let i = 0; i < cuts; i++) {
      ended += await server.terminateAll();
      if (i === 0) changing.sim.setDeveloperMode(wanted);
      await sleep(1_000);
    }
    const changeMs = await developerModeStored(changing, wanted, 30_000);
    const job = await waitFor(() => db.job.findFirst({ where: { printerId: printing.id, status: { not: "printing" } } }), "the job's end", 60_000).catch(() => null);
    const jobs = await db.job.count({ where: { printerId: printing.id } });
    const lease = await db.lease.findUniqueOrThrow({ where: { name: "worker" } });
    const events = await db.event.count({ where: { createdAt: { gt: cutAt } } });
    const alive = worker.exitCode === null && worker.signalCode === null;
    return outcome(
      alive && lease.holder === holder && changeMs !== null,
      `${cuts} cuts ended ${ended} connections; worker ${alive ? "alive" : "exited"}, lease ${lease.holder === holder ? "kept" : "changed hands"}; job ${job?.status ?? "not ended"}; change stored ${changeMs ?? "never"} ms after the last cut; ${events} events since the first cut`,
      (job?.status === "finished" ? 0 : 1) + (changeMs === null ? 1 : 0),
      Math.max(0, jobs - 1),
    );
  },
};
