import type { CommandPayload } from "@/lib/catalog/commands";
import { db } from "@/lib/db";
import { appendEvent } from "@/lib/events/append";
import { fileEventSchemas } from "@/lib/files/events";
import { fileInUse } from "@/lib/files/in-use";
import { CommandRefused } from "@/worker/printers/session";
import type { PrinterAccess } from "./printer-access";

/**
 * Deletes a file on its printer through the driver, checked against the printer's
 * live state (the API checked the stored one): the file being printed is refused.
 * The file is marked gone at once and a files.synced event tells the pages.
 */
export async function deleteOnPrinter(
  printers: PrinterAccess,
  printerId: string | null,
  payload: CommandPayload<"files.delete">,
): Promise<{ path: string }> {
  const driver = printerId ? printers.driver(printerId) : undefined;
  if (!printerId || !driver) throw new CommandRefused("command.notConnected");
  const file = await db.printerFile.findFirst({ where: { id: payload.printerFileId, printerId } });
  if (!file || file.goneAt) throw new CommandRefused("command.fileGone");
  if (fileInUse(driver.current(), file)) throw new CommandRefused("command.fileInUse");
  await driver.deleteFile(file.path);
  await db.printerFile.update({ where: { id: file.id }, data: { goneAt: new Date() } });
  await appendEvent(fileEventSchemas, "files.synced", { added: 0, changed: 0, gone: 1 }, printerId);
  return { path: file.path };
}
