import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { queueIfIdle } from "@/lib/files/queue";
import { waitFor } from "@/testing/worker/printers";
import { freshDatabase } from "../harness/database";
import { downloadRows, localCopies, printerWithLargeFile, queueDownload } from "../harness/downloads";
import { changeReaches, startBambus } from "../harness/printers";
import { spawnWorker } from "../harness/processes";
import { smallDisk } from "../harness/small-disk";
import { outcome, type FaultScenario } from "../harness/scenario";

const MB = 1024 * 1024;

/**
 * The files folder is a 16 MB filesystem with 10 MB taken; a 12 MB download fills it.
 * The download must fail as "disk full" and leave no half-written file, the worker must
 * go on serving the printers, and once space is freed the same file downloads intact.
 */
export const diskFullDownload: FaultScenario = {
  name: "disk-full-download",
  mustHold: "the disk fills during a download: it fails as disk_full with no .part left, the worker goes on, after freeing space one intact copy",
  async run(ctx) {
    await freshDatabase(ctx);
    const filesRoot = await smallDisk(ctx, path.join(ctx.dir, "files-disk"), 16);
    await writeFile(path.join(filesRoot, "filler.bin"), Buffer.alloc(10 * MB, 1));
    const [witness] = await startBambus(ctx, 1);
    const setup = await printerWithLargeFile(ctx, 12 * MB, 4 * MB);
    const worker = spawnWorker(ctx, { PRINTERNIZER_FILES_DIR: filesRoot });
    const fileId = await queueDownload(setup);
    const failed = await waitFor(async () => (await downloadRows(fileId)).find((d) => d.status === "failed" || d.status === "done"), "the download's end", 120_000);
    const afterFailure = await localCopies(filesRoot, fileId, setup.sha256);
    await waitFor(() => db.printerStatus.findFirst({ where: { printerId: witness.id, online: true } }), "the other printer online", 30_000);
    const witnessMs = await changeReaches(witness, 15_000);
    const alive = worker.exitCode === null && worker.signalCode === null;

    await rm(path.join(filesRoot, "filler.bin"));
    await queueIfIdle(fileId, setup.id, null);
    const done = await waitFor(async () => (await downloadRows(fileId)).find((d) => d.id !== failed.id && (d.status === "failed" || d.status === "done")), "the second download's end", 120_000);
    const copies = await localCopies(filesRoot, fileId, setup.sha256);
    return outcome(
      failed.status === "failed" && failed.error === "disk_full" && afterFailure.parts === 0 && alive && witnessMs !== null && done.status === "done",
      `first download ${failed.status} (${failed.error ?? "no error"}), ${afterFailure.parts} .part and ${afterFailure.copies} copies left; worker ${alive ? "alive" : "exited"}, another printer's change stored after ${witnessMs ?? "never"} ms; after freeing space: ${done.status}, ${copies.intact}/${copies.copies} copies intact`,
      copies.intact === 0 ? 1 : 0,
      Math.max(0, copies.copies - 1),
    );
  },
};
