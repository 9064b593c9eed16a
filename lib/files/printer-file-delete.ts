import { apiError } from "@/lib/api/errors";
import { audit } from "@/lib/audit/audit";
import { enqueueCommand } from "@/lib/commands/enqueue";
import { db } from "@/lib/db";
import { COMMAND_WAIT_MS, waitForCommand } from "@/lib/printers/commands";
import { normalizedStateSchema } from "@/lib/printers/types";
import type { Requester } from "./actions";
import { fileCommandSchemas } from "./commands";
import { fileInUse } from "./in-use";
import type { DeleteResult } from "./schemas";

/** The printer's last known state, as fileInUse reads it; null when unknown or unreadable. */
async function knownState(printerId: string) {
  const status = await db.printerStatus.findUnique({ where: { printerId }, select: { online: true, data: true } });
  if (!status) return { online: false, state: null };
  const parsed = normalizedStateSchema.safeParse(JSON.parse(status.data));
  return { online: status.online, state: parsed.success ? parsed.data : null };
}

/**
 * Asks the worker to delete a file on its printer and waits a few seconds for the
 * outcome. Refused up front: an unknown or vanished file (404), a switched-off (409
 * printer_disabled) or unconnected printer (409 printer_offline), and the file the
 * printer is printing (409 file_in_use); the worker checks the last rule again.
 */
export async function requestPrinterFileDelete(id: string, who: Requester): Promise<DeleteResult> {
  const file = await db.printerFile.findUnique({ where: { id }, select: { id: true, printerId: true, path: true, name: true, goneAt: true } });
  if (!file || file.goneAt) throw apiError("not_found");
  const printer = await db.printer.findFirst({ where: { id: file.printerId, deletedAt: null }, select: { enabled: true } });
  if (!printer) throw apiError("not_found");
  if (!printer.enabled) throw apiError("printer_disabled");
  const { online, state } = await knownState(file.printerId);
  if (!online) throw apiError("printer_offline");
  if (fileInUse(state, file)) throw apiError("file_in_use");
  const commandId = await enqueueCommand(fileCommandSchemas, "files.delete", { printerFileId: file.id }, { printerId: file.printerId, createdById: who.userId });
  await audit({ actor: who.actor, ip: who.ip, action: "files.printer_file_deleted", target: file.id, details: { printerId: file.printerId, path: file.path, commandId } });
  const outcome = await waitForCommand(commandId, COMMAND_WAIT_MS);
  return { commandId, status: outcome.status, error: outcome.error };
}
