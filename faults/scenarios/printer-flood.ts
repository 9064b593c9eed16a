import { db } from "@/lib/db";
import { waitFor } from "@/testing/worker/printers";
import { freshDatabase } from "../harness/database";
import { changeReaches, newestEventId, onlineCount, startBambus } from "../harness/printers";
import { rssPeak, sleep, spawnWorker } from "../harness/processes";
import { outcome, type FaultScenario } from "../harness/scenario";

const RATE = 200;

/**
 * One printer floods the worker with 200 reports a second (a firmware bug, a looping
 * slicer) while another prints normally. The flood is coalesced into a few events a
 * second, the other printer's changes still arrive at once, and the flooding printer's
 * last change is the one stored.
 */
export const printerFlood: FaultScenario = {
  name: "printer-flood",
  mustHold: `a printer sends ${RATE} messages/s: its events stay coalesced, another printer's change still arrives, its own last change is stored`,
  async run(ctx) {
    const floodMs = ctx.full ? 60_000 : 8_000;
    await freshDatabase(ctx);
    const [flooder, witness] = await startBambus(ctx, 2);
    const worker = spawnWorker(ctx);
    await waitFor(async () => (await onlineCount([flooder.id, witness.id])) === 2, "printers online", 60_000);
    const file = (await flooder.sim.printFiles())[0];
    await flooder.sim.startPrint(file);
    await sleep(2_000);

    const memory = rssPeak(worker.pid!);
    const before = await newestEventId();
    const started = Date.now();
    let sent = 0;
    const flood = (async () => {
      // Every 20 ms the reports due by then; advancing simulated time makes each one a real delta.
      while (Date.now() - started < floodMs) {
        const due = Math.floor(((Date.now() - started) / 1000) * RATE) - sent;
        for (let i = 0; i < due; i++) flooder.sim.advance(1 / RATE);
        sent += due;
        await sleep(20);
      }
    })();
    await sleep(floodMs / 2);
    const witnessMs = await changeReaches(witness, floodMs / 2 - 500);
    await flood;
    const elapsed = (Date.now() - started) / 1000;
    const lastChangeMs = await changeReaches(flooder, 15_000);
    const peak = memory.stop();
    const flooderEvents = await db.event.count({ where: { id: { gt: before }, printerId: flooder.id, type: "printer.state" } });
    return outcome(
      witnessMs !== null && lastChangeMs !== null,
      `${sent} messages in ${elapsed.toFixed(1)} s (${Math.round(sent / elapsed)}/s) became ${flooderEvents} state events (${(flooderEvents / elapsed).toFixed(1)}/s); other printer's change stored after ${witnessMs ?? "never"} ms; flooder's last change after ${lastChangeMs ?? "never"} ms; worker RSS peak ${peak} MB`,
      (witnessMs === null ? 1 : 0) + (lastChangeMs === null ? 1 : 0),
      0,
    );
  },
};
