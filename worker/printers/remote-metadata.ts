import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { db } from "@/lib/db";
import { readPrintFileMetadata, type PrintFileMetadata } from "@/lib/files/metadata";
import type { PrinterDriver } from "@/lib/printers/types";

/**
 * The metadata of a file on the printer's storage, for a print started at the printer.
 * The whole file is fetched into a temporary file: a 3MF's slice info sits behind the
 * zip central directory at its end, and a ranged FTP read (REST) is not offered by every
 * printer (see sim/bambu's ftpRest), while a sliced 3MF or a bgcode is a few MB. Files
 * larger than MAX_BYTES are not fetched. What was read is kept on the listing row, so a
 * recompute does not fetch again.
 */

const MAX_BYTES = 64 * 1024 * 1024;

export async function readRemoteMetadata(driver: PrinterDriver, printerId: string, filePath: string): Promise<PrintFileMetadata | null> {
  const listed = await db.printerFile.findUnique({ where: { printerId_path: { printerId, path: filePath } }, select: { id: true, size: true } });
  if (listed?.size !== null && listed?.size !== undefined && listed.size > BigInt(MAX_BYTES)) return null;
  const dir = await mkdtemp(path.join(tmpdir(), "printernizer-meta-"));
  try {
    const target = path.join(dir, path.posix.basename(filePath) || "print");
    const abort = new AbortController();
    const write = createWriteStream(target);
    await driver.download(filePath, {
      offset: 0,
      write,
      signal: abort.signal,
      onProgress: (bytes) => {
        if (bytes > MAX_BYTES) abort.abort();
      },
    });
    if (!write.writableEnded) write.end();
    await finished(write);
    const metadata = await readPrintFileMetadata(target);
    if (listed) await db.printerFile.update({ where: { id: listed.id }, data: { metadata: JSON.stringify(metadata) } });
    return metadata;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
