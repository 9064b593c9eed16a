import { raiseSubjectAlert, resolveSubjectAlerts } from "@/lib/alerts/store";
import { nextBusinessStart } from "@/lib/business/calendar";
import { readBusinessSettings } from "@/lib/business/settings/settings";
import { db } from "@/lib/db";
import { resolveQueueSource } from "./source";

/**
 * The queue's alerts, through the alert channels like every other alert: a printer a
 * queued print waits for holds the last part on its bed, and an item failed. Both are
 * non-urgent: their notifications wait for business hours (lib/alerts/types.ts).
 */

async function notifyAfter(now: Date): Promise<Date> {
  return nextBusinessStart(now, (await readBusinessSettings()).businessHours);
}

/** One open alert per printer while queued work waits for its bed. */
export async function raiseBedWaiting(printerId: string, now = new Date()): Promise<void> {
  const printer = await db.printer.findUnique({ where: { id: printerId }, select: { name: true } });
  if (!printer) return;
  await raiseSubjectAlert(printerId, "bed_waiting", { printerId, printer: printer.name }, await notifyAfter(now));
}

export async function resolveBedWaiting(printerId: string): Promise<void> {
  await resolveSubjectAlerts(printerId, "bed_waiting");
}

const detailSchema = (text: string | null): { printerId?: string; detail?: string } => {
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (typeof parsed !== "object" || parsed === null) return {};
    const printerId = Reflect.get(parsed, "printerId");
    const detail = Reflect.get(parsed, "detail");
    return { ...(typeof printerId === "string" ? { printerId } : {}), ...(typeof detail === "string" ? { detail } : {}) };
  } catch {
    return {};
  }
};

/** A failed item: the file, the printer it failed on and the printer's reason (a printerErrors key). */
export async function raiseItemFailed(itemId: string, now = new Date()): Promise<void> {
  const item = await db.queueItem.findUnique({ where: { id: itemId } });
  if (!item) return;
  const { printerId, detail } = detailSchema(item.failureDetail);
  const printer = printerId ? await db.printer.findUnique({ where: { id: printerId }, select: { name: true } }) : null;
  const source = await resolveQueueSource(item.fileId);
  await raiseSubjectAlert(
    itemId,
    "queue_item_failed",
    { itemId, file: source?.name ?? item.fileId, printer: printer?.name ?? "–", failureCode: item.failureCode, ...(detail ? { messageKey: detail } : {}) },
    await notifyAfter(now),
  );
}
