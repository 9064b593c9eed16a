import { raiseSubjectAlert, resolveSubjectAlerts } from "@/lib/alerts/store";
import { db } from "@/lib/db";
import { appendEvent } from "@/lib/events/append";
import { inventoryEventSchemas } from "./events";
import { nextBusinessStart } from "../calendar";
import type { BusinessSettings } from "../settings/settings";

/**
 * Low stock as an Alert about the spool (no printer, severity info). A spool raises it
 * once when it falls to the threshold; the flag on the spool is set by one conditional
 * update, so two processes deducting at once raise it once. Refilling or archiving
 * the spool resolves the alert and arms the flag again. The notification waits for the
 * next business-hours start.
 */

export async function flagLowStock(spoolId: string, settings: BusinessSettings, now = new Date()): Promise<boolean> {
  const { count } = await db.spool.updateMany({
    where: { id: spoolId, lowStockNotifiedAt: null, archivedAt: null, remainingGrams: { lte: settings.lowStockGrams } },
    data: { lowStockNotifiedAt: now },
  });
  if (count === 0) return false;
  const spool = await db.spool.findUniqueOrThrow({
    where: { id: spoolId },
    select: { remainingGrams: true, printerId: true, material: { select: { type: true, brand: true, color: true } } },
  });
  const params = {
    spoolId,
    label: `${spool.material.brand} ${spool.material.type} ${spool.material.color}`.trim(),
    remainingGrams: Math.max(0, Math.round(spool.remainingGrams)),
    thresholdGrams: settings.lowStockGrams,
  };
  await raiseSubjectAlert(spoolId, "low_stock", params, nextBusinessStart(now, settings.businessHours));
  await appendEvent(inventoryEventSchemas, "spool.low_stock", params, spool.printerId);
  return true;
}

/** A refilled or archived spool: its low-stock alert ends and a later shortage alerts again. */
export async function clearLowStock(spoolId: string): Promise<void> {
  await db.spool.updateMany({ where: { id: spoolId, lowStockNotifiedAt: { not: null } }, data: { lowStockNotifiedAt: null } });
  await resolveSubjectAlerts(spoolId, "low_stock");
}
