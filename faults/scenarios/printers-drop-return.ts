import { db } from "@/lib/db";
import { startBambuSimulator } from "@/sim/bambu";
import { waitFor } from "@/testing/worker/printers";
import { freshDatabase } from "../harness/database";
import { newestEventId, onlineCount, simulatorCa, startBambus } from "../harness/printers";
import { rssPeak, seconds, sleep, spawnWorker } from "../harness/processes";
import { outcome, type FaultScenario } from "../harness/scenario";

interface ConnectionPayload {
  online: boolean;
}

/**
 * Every printer loses power at the same moment (its MQTT and FTPS servers close) and
 * comes back on the same address a few seconds later, as after a power cut on the shop
 * floor. The worker must see each printer go offline once and come back once.
 */
export const printersDropReturn: FaultScenario = {
  name: "printers-drop-return",
  mustHold: "20 printers drop at once and return: each is seen offline once and back online once, with its current state",
  async run(ctx) {
    const count = ctx.full ? 50 : 20;
    await freshDatabase(ctx);
    const printers = await startBambus(ctx, count, {}, true);
    const ids = printers.map((p) => p.id);
    const worker = spawnWorker(ctx);
    await waitFor(async () => (await onlineCount(ids)) === count, `${count} printers online`, 120_000);
    const memory = rssPeak(worker.pid!);
    const before = await newestEventId();

    const ports = await Promise.all(
      printers.map(async (p) => {
        const kept = { mqttPort: p.sim.mqttPort, ftpPort: p.sim.ftpPort, serial: p.sim.serial, accessCode: p.sim.accessCode, storageDir: p.sim.storageDir };
        await p.sim.close();
        return kept;
      }),
    );
    const droppedAt = Date.now();
    await waitFor(async () => (await onlineCount(ids)) === 0, "every printer offline", 60_000);
    const offlineMs = Date.now() - droppedAt;
    await sleep(1_000);
    // Back on the same ports with the same SD card; the next print tells whether the state is current.
    const returned = await Promise.all(
      ports.map(async (kept, i) => {
        const sim = await startBambuSimulator({ ...kept, model: "A1", host: "127.0.0.1", ca: simulatorCa(), prepareSeconds: 1, reportIntervalMs: 1000, idleReportIntervalMs: 1000, prefill: false });
        ctx.defer(() => sim.close());
        printers[i].sim = sim;
        return sim;
      }),
    );
    const returnedAt = Date.now();
    await waitFor(async () => (await onlineCount(ids)) === count, "every printer back online", 120_000);
    const backMs = Date.now() - returnedAt;
    for (const sim of returned) sim.setDeveloperMode(false);
    const current = await waitFor(
      async () => {
        const rows = await db.printerStatus.findMany({ where: { printerId: { in: ids } }, select: { data: true } });
        const fresh = rows.filter((row) => (JSON.parse(row.data) as { developerModeRequired?: boolean }).developerModeRequired === true).length;
        return fresh === count ? fresh : null;
      },
      "every printer's state current after the return",
      60_000,
    ).catch(() => 0);
    await sleep(2_000);
    const peak = memory.stop();

    const transitions = await db.event.findMany({ where: { id: { gt: before }, type: "printer.connection" }, select: { printerId: true, payload: true } });
    const downs = new Map<string, number>();
    const ups = new Map<string, number>();
    for (const row of transitions) {
      const map = (JSON.parse(row.payload) as ConnectionPayload).online ? ups : downs;
      map.set(row.printerId ?? "", (map.get(row.printerId ?? "") ?? 0) + 1);
    }
    const missing = ids.filter((id) => !downs.get(id) || !ups.get(id)).length + (count - current);
    const doubled = ids.reduce((sum, id) => sum + Math.max(0, (downs.get(id) ?? 0) - 1) + Math.max(0, (ups.get(id) ?? 0) - 1), 0);
    return outcome(
      true,
      `${count} printers offline after ${seconds(offlineMs)}, all back ${seconds(backMs)} after their return, ${current}/${count} with current state; worker RSS peak ${peak} MB`,
      missing,
      doubled,
    );
  },
};
