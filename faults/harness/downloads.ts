import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db";
import { queueIfIdle } from "@/lib/files/queue";
import type { LargeFile } from "@/sim/prusalink";
import { waitFor } from "@/testing/worker/printers";
import { startPrusa, type SimulatedPrusa } from "./printers";
import type { FaultContext } from "./scenario";
import { startThrottleProxy, type ThrottleProxy } from "./throttle-proxy";

export interface DownloadSetup extends SimulatedPrusa {
  proxy: ThrottleProxy;
  file: LargeFile;
  sha256: string;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** A PrusaLink printer behind a throttling proxy, holding one file of `sizeBytes`. */
export async function printerWithLargeFile(ctx: FaultContext, sizeBytes: number, bytesPerSecond: number): Promise<DownloadSetup> {
  let proxy: ThrottleProxy | null = null;
  const printer = await startPrusa(ctx, "prusa-download", {}, async (sim) => {
    proxy = await startThrottleProxy(sim.port, { bytesPerSecond });
    ctx.defer(() => proxy?.close());
    return proxy.port;
  });
  const file = await printer.sim.ensureLargeFile(sizeBytes);
  return { ...printer, proxy: proxy!, file, sha256: await sha256Of(file.diskPath) };
}

/** Waits for the worker's listing to show the file, queues its download; returns the PrinterFile id. */
export async function queueDownload(setup: DownloadSetup): Promise<string> {
  const row = await waitFor(
    () => db.printerFile.findFirst({ where: { printerId: setup.id, path: { in: [setup.file.apiPath, setup.file.downloadPath] } }, select: { id: true } }),
    "the file in the worker's listing",
    60_000,
  );
  await queueIfIdle(row.id, setup.id, null);
  return row.id;
}

export async function downloadRows(printerFileId: string) {
  return db.download.findMany({ where: { printerFileId }, orderBy: { queuedAt: "asc" } });
}

async function partFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith(".part")).map((e) => path.join(e.parentPath, e.name));
}

/** The local copies of a printer file: how many, how many match the printer's bytes, and leftover `.part` files. */
export async function localCopies(filesRoot: string, printerFileId: string, sha256: string): Promise<{ copies: number; intact: number; parts: number }> {
  const rows = await db.localFile.findMany({ where: { printerFileId } });
  let intact = 0;
  for (const row of rows) {
    const full = path.join(filesRoot, row.relativePath);
    const exists = await stat(full).then(() => true, () => false);
    if (exists && row.sha256 === sha256 && (await sha256Of(full)) === sha256) intact++;
  }
  return { copies: rows.length, intact, parts: (await partFiles(filesRoot)).length };
}
