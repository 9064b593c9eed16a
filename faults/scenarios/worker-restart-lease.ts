import { db } from "@/lib/db";
import { freshDatabase } from "../harness/database";
import { newestEventId, onlineCount, startBambus } from "../harness/printers";
import { childPids, exited, seconds, sleep, spawnLauncher } from "../harness/processes";
import { outcome, type FaultScenario } from "../harness/scenario";
import { waitFor } from "@/testing/worker/printers";

const LEASE_TTL_MS = 20_000;

/**
 * `npm start`'s launcher runs the worker; the worker is killed with kill -9 and the
 * launcher starts it again. The new process must take the dead process's lease over at
 * once, not wait out the lease TTL (20 s, the default) with no printer data.
 */
export const workerRestartLease: FaultScenario = {
  name: "worker-restart-lease",
  mustHold: `worker killed with kill -9 and restarted by the launcher: lease and printer data back before the lease TTL (${LEASE_TTL_MS / 1000} s)`,
  async run(ctx) {
    await freshDatabase(ctx);
    const printers = await startBambus(ctx, 2);
    const ids = printers.map((p) => p.id);
    const launcher = spawnLauncher(ctx, "worker", { PRINTERNIZER_WORKER_LEASE_TTL_MS: String(LEASE_TTL_MS), PRINTERNIZER_WORKER_HEARTBEAT_MS: "1000" });
    const [first] = await waitFor(() => (childPids(launcher.pid!).length > 0 ? childPids(launcher.pid!) : null), "the launcher's worker", 30_000);
    await waitFor(async () => (await onlineCount(ids)) === ids.length, "printers online", 60_000);
    await sleep(2_000);

    const before = await newestEventId();
    process.kill(first, "SIGKILL");
    const killedAt = Date.now();
    const second = await waitFor(() => childPids(launcher.pid!).find((pid) => pid !== first), "a restarted worker", 30_000);
    const lease = await waitFor(
      async () => {
        const row = await db.lease.findUnique({ where: { name: "worker" } });
        return row && row.holder.split(":")[1] === String(second) ? row : null;
      },
      "the restarted worker's lease",
      LEASE_TTL_MS * 2,
    );
    const leaseMs = lease.acquiredAt.getTime() - killedAt;
    const data = await waitFor(
      () => db.event.findFirst({ where: { id: { gt: before }, type: "printer.state", createdAt: { gt: new Date(killedAt) } }, orderBy: { id: "asc" } }),
      "printer data from the restarted worker",
      LEASE_TTL_MS * 2,
    );
    const dataMs = data.createdAt.getTime() - killedAt;
    // Exactly one acquisition after the kill: nobody else held the lease in between.
    const acquisitions = await db.event.count({ where: { id: { gt: before }, type: "worker.lease" } });
    launcher.kill("SIGTERM");
    await exited(launcher);
    return outcome(
      dataMs < LEASE_TTL_MS && leaseMs < LEASE_TTL_MS,
      `lease retaken ${seconds(leaseMs)} and printer data ${seconds(dataMs)} after kill -9 (launcher pause 2 s; TTL ${LEASE_TTL_MS / 1000} s)`,
      0,
      Math.max(0, acquisitions - 1),
    );
  },
};
