import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { waitFor } from "@/testing/worker/printers";
import { freshDatabase } from "../harness/database";
import { changeReaches, startBambus } from "../harness/printers";
import { rssPeak, sleep, spawnWorker } from "../harness/processes";
import { outcome, type FaultScenario } from "../harness/scenario";
import { memoryLimitMb } from "../harness/web";

const ENTRIES = 100_000;
const MB = 1024 * 1024;

interface ConnectionPayload {
  online: boolean;
  failure: { messageKey: string } | null;
}

/**
 * Issue 18's printer-side probes against the real worker process: one Bambu printer whose
 * SD card lists 100,000 files, another that sends a 64 MB MQTT report. The listing is
 * refused at its cap (listingTooLarge) and the packet dropped with a reconnect (packetTooLarge);
 * both printers keep working and the worker stays under its memory limit.
 */
export const probePrinterInputs: FaultScenario = {
  name: "probe-printer-inputs",
  fullOnly: true,
  mustHold: `a ${ENTRIES.toLocaleString("en")}-entry FTP listing and a 64 MB MQTT packet: each refused, the printers go on, worker under ${memoryLimitMb.worker} MB`,
  async run(ctx) {
    await freshDatabase(ctx);
    const crowdedDir = path.join(ctx.dir, "bambu-0", "cache");
    await mkdir(crowdedDir, { recursive: true });
    for (let i = 0; i < ENTRIES; i += 1_000) {
      await Promise.all(Array.from({ length: 1_000 }, (_, j) => writeFile(path.join(crowdedDir, `part-${String(i + j).padStart(6, "0")}.gcode.3mf`), "")));
    }
    const [crowded, chatty] = await startBambus(ctx, 2);
    const worker = spawnWorker(ctx, { PRINTERNIZER_FILES_SYNC_MS: "10000" });
    const memory = rssPeak(worker.pid!);
    await waitFor(async () => (await db.printerStatus.count({ where: { online: true } })) === 2, "printers online", 60_000);
    const listed = await db.printerFile.count({ where: { printerId: crowded.id } });
    const refusedListing = await waitFor(
      async () => (await readFile(path.join(ctx.dir, "worker.log"), "utf8")).includes("printer file listing over the limit"),
      "the listing refused",
      60_000,
    ).catch(() => false);

    chatty.sim.sendOversized(64 * MB);
    const dropped = await waitFor(
      async () => {
        const rows = await db.event.findMany({ where: { printerId: chatty.id, type: "printer.connection" }, select: { payload: true } });
        return rows.some((row) => (JSON.parse(row.payload) as ConnectionPayload).failure?.messageKey === "bambu.failure.packetTooLarge");
      },
      "the oversized packet refused",
      60_000,
    ).catch(() => false);
    await waitFor(() => db.printerStatus.findFirst({ where: { printerId: chatty.id, online: true } }), "the chatty printer back", 60_000);
    await sleep(2_000);
    const crowdedMs = await changeReaches(crowded, 15_000);
    const chattyMs = await changeReaches(chatty, 15_000);
    const peak = memory.stop();
    const alive = worker.exitCode === null && worker.signalCode === null;
    return outcome(
      refusedListing && dropped && crowdedMs !== null && chattyMs !== null && alive && peak < memoryLimitMb.worker,
      `listing ${refusedListing ? "refused at its cap (listingTooLarge)" : "NOT refused"}, ${listed} files recorded; 64 MB packet ${dropped ? "dropped (packetTooLarge), reconnected" : "NOT dropped"}; changes after: ${crowdedMs ?? "never"} ms / ${chattyMs ?? "never"} ms; worker ${alive ? "alive" : "exited"}, RSS peak ${peak} MB`,
    );
  },
};
