import path from "node:path";
import { waitFor } from "@/testing/worker/printers";
import { freshDatabase } from "../harness/database";
import { downloadRows, localCopies, printerWithLargeFile, queueDownload } from "../harness/downloads";
import { changeReaches, startBambus } from "../harness/printers";
import { db } from "@/lib/db";
import { seconds, spawnWorker } from "../harness/processes";
import { outcome, type FaultScenario } from "../harness/scenario";

const MB = 1024 * 1024;

/**
 * A printer stops sending in the middle of a download (its board busy), then goes on:
 * in the small run for 6 s, below the 30 s body idle timeout, so the transfer waits; in
 * the full run for 40 s, beyond it, so the transfer is abandoned and resumed. Either
 * way one intact local copy, and the other printers' data keeps flowing meanwhile.
 */
export const downloadStall: FaultScenario = {
  name: "download-stall",
  mustHold: "a printer stalls mid-download: one intact local copy, no .part left, other printers' data flows during the stall",
  async run(ctx) {
    const stallMs = ctx.full ? 40_000 : 6_000;
    const { dataDir } = await freshDatabase(ctx);
    const [witness] = await startBambus(ctx, 1);
    const setup = await printerWithLargeFile(ctx, 8 * MB, 4 * MB);
    spawnWorker(ctx);
    setup.proxy.stallNext(3 * MB, stallMs);
    const fileId = await queueDownload(setup);
    await waitFor(() => db.printerStatus.findFirst({ where: { printerId: witness.id, online: true } }), "the other printer online", 60_000);
    await setup.proxy.stalled();
    const witnessMs = await changeReaches(witness, stallMs - 1_000);
    const done = await waitFor(async () => (await downloadRows(fileId)).find((d) => d.status === "done" || d.status === "failed"), "the download's end", stallMs + 120_000);
    const copies = await localCopies(path.join(dataDir, "files"), fileId, setup.sha256);
    const rows = await downloadRows(fileId);
    return outcome(
      done.status === "done" && witnessMs !== null && copies.parts === 0,
      `stall of ${seconds(stallMs)} at 3 of 8 MB: download ${done.status} after ${rows[0]?.attempts ?? 0} attempt(s), ${copies.intact}/${copies.copies} local copies intact, ${copies.parts} .part left; another printer's change stored ${witnessMs === null ? "not before the stall ended" : `${witnessMs} ms after it happened, during the stall`}`,
      copies.intact === 0 ? 1 : 0,
      Math.max(0, copies.copies - 1),
    );
  },
};
