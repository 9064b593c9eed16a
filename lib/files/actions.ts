import { apiError } from "@/lib/api/errors";
import { audit, type AuditActor } from "@/lib/audit/audit";
import { enqueueCommand } from "@/lib/commands/enqueue";
import { fileCommandSchemas } from "./commands";
import { db } from "@/lib/db";
import { assertBedClear } from "@/lib/printers/bed-actions";
import { assertCanStart, COMMAND_WAIT_MS, waitForCommand } from "@/lib/printers/commands";
import { fileTypeOf } from "./file-type";
import { canPrint } from "./printable";
import { queueIfIdle } from "./queue";
import { syncCountsSchema, type SyncResult, type UploadBody } from "./schemas";

export interface Requester {
  actor: AuditActor;
  userId: string;
  ip: string | null;
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * Queues downloads of printer files. Skipped: unknown ids, local-only files, files gone
 * from the printer, files on a disabled printer (the worker does not connect to it, so
 * the download could not start), files already queued, and files whose local copy is
 * current (same size and date as on the printer).
 */
export async function queueDownloads(ids: readonly string[], who: Requester): Promise<{ queued: string[]; skipped: string[] }> {
  const unique = [...new Set(ids)];
  const files = await db.printerFile.findMany({
    where: { id: { in: unique } },
    include: { localFiles: { orderBy: { createdAt: "desc" }, take: 1 } },
  });
  const byId = new Map(files.map((f) => [f.id, f]));
  const disabled = await disabledPrinterIds(files.map((f) => f.printerId));
  const queued: string[] = [];
  const skipped: string[] = [];
  for (const id of unique) {
    const file = byId.get(id);
    const local = file?.localFiles[0];
    const current = file && local && local.sourceSize === file.size && sameTime(local.sourceModifiedAt, file.modifiedAt);
    const fetchable = file && !file.goneAt && !current && !disabled.has(file.printerId);
    const downloadId = fetchable ? await queueIfIdle(file.id, file.printerId, who.userId) : null;
    if (downloadId) queued.push(downloadId);
    else skipped.push(id);
  }
  if (queued.length > 0) {
    await audit({ actor: who.actor, ip: who.ip, action: "files.download_queued", details: { files: unique.filter((id) => !skipped.includes(id)) } });
  }
  return { queued, skipped };
}

/**
 * Queues the download of one printer file, as queueDownloads does, but refuses an
 * unknown id (404) and a file whose printer is switched off (409 printer_disabled)
 * instead of skipping them silently.
 */
export async function queueDownload(id: string, who: Requester): Promise<{ queued: string[]; skipped: string[] }> {
  const file = await db.printerFile.findUnique({ where: { id }, select: { printerId: true } });
  if (!file) throw apiError("not_found");
  if ((await disabledPrinterIds([file.printerId])).size > 0) throw apiError("printer_disabled");
  return queueDownloads([id], who);
}

async function disabledPrinterIds(printerIds: readonly string[]): Promise<Set<string>> {
  const rows = await db.printer.findMany({ where: { id: { in: [...new Set(printerIds)] }, enabled: false }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

/** Cancels the open download of a printer file (or a download by its own id). */
export async function cancelDownload(id: string, who: Requester): Promise<{ cancelled: boolean }> {
  const open = await db.download.findFirst({
    where: { OR: [{ id }, { printerFileId: id }], status: { in: ["queued", "downloading"] } },
    orderBy: { queuedAt: "desc" },
  });
  if (!open) {
    const known = (await db.printerFile.count({ where: { id } })) + (await db.download.count({ where: { id } }));
    if (known === 0) throw apiError("not_found");
    return { cancelled: false };
  }
  const { count } = await db.download.updateMany({
    where: { id: open.id, status: { in: ["queued", "downloading"] } },
    data: { status: "cancelled", error: "cancelled", finishedAt: new Date(), speed: null },
  });
  // The worker also notices the row; the command makes a running transfer stop at once.
  if (open.status === "downloading") await enqueueCommand(fileCommandSchemas, "files.cancel", { downloadId: open.id }, { printerId: open.printerId, createdById: who.userId });
  await audit({ actor: who.actor, ip: who.ip, action: "files.download_cancelled", target: open.id });
  return { cancelled: count > 0 };
}

/**
 * Asks the worker to list a printer's storage now. A printer that is not connected is
 * refused at once; with `wait` the answer carries the worker's outcome when it comes
 * within a few seconds (what was found, or the failure's message key).
 */
export async function requestSync(printerId: string, who: Requester, wait: boolean): Promise<SyncResult> {
  const printer = await db.printer.findFirst({ where: { id: printerId, deletedAt: null }, select: { enabled: true } });
  if (!printer) throw apiError("not_found");
  if (!printer.enabled) throw apiError("printer_disabled");
  const status = await db.printerStatus.findUnique({ where: { printerId }, select: { online: true } });
  if (!status?.online) throw apiError("printer_offline");
  const commandId = await enqueueCommand(fileCommandSchemas, "files.sync", {}, { printerId, createdById: who.userId });
  if (!wait) return { commandId, status: "pending", error: null, counts: null };
  const outcome = await waitForCommand(commandId, COMMAND_WAIT_MS);
  const counts = syncCountsSchema.safeParse(outcome.result);
  return { commandId, status: outcome.status, error: outcome.error, counts: counts.success ? counts.data : null };
}

/**
 * Asks the worker to send a local file to a printer, and to start it when `start`.
 * Refused up front: a file type the printer kind cannot print, and a start unless the
 * printer can take a print now.
 */
export async function requestUpload(fileId: string, body: UploadBody, who: Requester): Promise<{ commandId: number }> {
  const local = await resolveLocalFile(fileId);
  if (!local) throw apiError("not_found");
  const printer = await db.printer.findFirst({ where: { id: body.printerId, deletedAt: null }, select: { enabled: true, kind: true } });
  if (!printer) throw apiError("not_found");
  if (!printer.enabled) throw apiError("printer_disabled");
  const type = fileTypeOf(local.name);
  if (!canPrint(printer.kind, type)) throw apiError("file_type_unsupported", { type, printerKind: printer.kind });
  if (body.start) {
    const status = await db.printerStatus.findUnique({ where: { printerId: body.printerId }, select: { state: true, online: true } });
    assertCanStart(status);
    await assertBedClear(body.printerId);
  }
  const commandId = await enqueueCommand(
    fileCommandSchemas,
    "files.upload",
    {
      localFileId: local.id,
      start: body.start,
      ...(body.plate ? { plate: body.plate } : {}),
      ...(body.amsMapping ? { amsMapping: body.amsMapping } : {}),
    },
    { printerId: body.printerId, createdById: who.userId },
  );
  await audit({
    actor: who.actor,
    ip: who.ip,
    action: "files.upload",
    target: local.id,
    details: { printerId: body.printerId, start: body.start, plate: body.plate ?? null, amsMapping: body.amsMapping?.join(",") ?? null, commandId },
  });
  return { commandId };
}

/** A local file by its own id, or the newest local copy of a printer file. */
export async function resolveLocalFile(id: string) {
  const direct = await db.localFile.findUnique({ where: { id } });
  if (direct) return direct;
  return db.localFile.findFirst({ where: { printerFileId: id }, orderBy: { createdAt: "desc" } });
}
