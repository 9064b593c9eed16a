import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import type { CommandPayload } from "@/lib/catalog/commands";
import { db } from "@/lib/db";
import { toBytes } from "@/lib/files/bytes";
import { resolveInside } from "@/lib/files/names";
import { GZIP_SUFFIX } from "@/lib/files/storage";
import { logger } from "@/lib/log/logger";
import { descriptorOf } from "@/lib/printers/registry";
import { CommandRefused } from "@/worker/printers/session";
import type { PrinterAccess } from "./printer-access";

const log = logger("files");

/**
 * Sends a local file to a printer through its driver and optionally starts it. A start
 * is refused before any byte is sent when the printer cannot take a print now, and
 * checked again by the session when starting (the printer may have started something
 * meanwhile).
 */
export async function uploadToPrinter(
  printers: PrinterAccess,
  root: string,
  printerId: string | null,
  payload: CommandPayload<"files.upload">,
): Promise<{ path: string; started: boolean }> {
  const driver = printerId ? printers.driver(printerId) : undefined;
  const kind = printerId ? printers.kind(printerId) : undefined;
  if (!printerId || !driver || !kind) throw new CommandRefused("command.notConnected");
  if (payload.start && !printers.canStart(printerId)) throw new CommandRefused("command.printerBusy");
  const file = await db.localFile.findUnique({ where: { id: payload.localFileId } });
  if (!file) throw new CommandRefused("files.errors.notFound");
  const full = resolveInside(root, file.relativePath);
  const source = file.compressed ? createReadStream(full + GZIP_SUFFIX).pipe(createGunzip()) : createReadStream(full);
  const remote = `${descriptorOf(kind).uploadFolder}/${file.name}`;
  try {
    await driver.upload(remote, source, toBytes(file.size));
  } catch (err) {
    // A broken-off upload leaves part of the file on the printer, where someone could start
    // it: remove it (a printer that went away keeps it until the next upload overwrites it).
    await driver.deleteFile(remote).catch((cleanup: unknown) => log.warn({ err: cleanup, printerId, path: remote }, "could not remove a half-uploaded file"));
    throw err;
  }
  if (payload.start) await printers.startPrint(printerId, remote, { plate: payload.plate, amsMapping: payload.amsMapping });
  return { path: remote, started: payload.start };
}
