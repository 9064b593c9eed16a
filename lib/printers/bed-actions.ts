import { apiError } from "@/lib/api/errors";
import { resolveBedWaiting } from "@/lib/queue/alerts";
import { audit, type AuditActor } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { appendEvent } from "@/lib/events/append";
import { bedBlocksStart, bedColumns, bedViewOf } from "./bed";
import type { BedReason, BedView } from "./bed-schemas";
import { printerEventSchemas } from "./events";

/**
 * The bed state of a printer lives in its row, not in a worker's memory: the worker
 * marks a bed that holds the last print's part, an operator confirms it clear, and every
 * start path (the API's start commands, "send and print", the queue's dispatch) asks it.
 */

/** 409 bed_not_clear unless the printer's bed is confirmed clear or it starts without a bed check. */
export async function assertBedClear(printerId: string): Promise<void> {
  const row = await db.printer.findUnique({ where: { id: printerId }, select: bedColumns });
  if (row && bedBlocksStart(row)) throw apiError("bed_not_clear", { reason: bedViewOf(row).reason });
}

/** An operator says the bed is clear: queued prints may start there. */
export async function confirmBedCleared(printerId: string, who: { actor: AuditActor; ip?: string | null }): Promise<BedView> {
  const exists = await db.printer.findFirst({ where: { id: printerId, deletedAt: null }, select: { id: true, bedState: true, bedStateReason: true } });
  if (!exists) throw apiError("not_found");
  const row = await db.printer.update({
    where: { id: printerId },
    data: { bedState: "clear", bedStateSince: new Date(), bedStateReason: null },
    select: bedColumns,
  });
  const bed = bedViewOf(row);
  await audit({ actor: who.actor, ip: who.ip, action: "printer.bed_cleared", target: printerId, details: { was: exists.bedState ?? "unknown", reason: exists.bedStateReason } });
  await appendEvent(printerEventSchemas, "printer.bed", { bed }, printerId);
  await resolveBedWaiting(printerId);
  return bed;
}

/**
 * The worker's side: a print ended on the printer (or it was first seen idle), so its bed
 * needs clearing. Written only when the state changes; returns the new view then.
 */
export async function markBedNeedsClearing(printerId: string, reason: BedReason, at = new Date()): Promise<BedView | null> {
  const { count } = await db.printer.updateMany({
    where: { id: printerId, OR: [{ bedState: null }, { bedState: { not: "needs_clearing" } }, { bedStateReason: { not: reason } }] },
    data: { bedState: "needs_clearing", bedStateSince: at, bedStateReason: reason },
  });
  if (count === 0) return null;
  return announce(printerId);
}

/**
 * The first time the worker sees a printer (no bed state stored yet): idle, it asks once
 * whether the bed is clear; printing, the bed is taken by that print and asks when it ends.
 */
export async function settleFirstBedState(printerId: string, idle: boolean, at = new Date()): Promise<BedView | null> {
  const { count } = await db.printer.updateMany({
    where: { id: printerId, bedState: null },
    data: idle ? { bedState: "needs_clearing", bedStateSince: at, bedStateReason: "first_seen" } : { bedState: "clear", bedStateSince: at, bedStateReason: null },
  });
  if (count === 0) return null;
  return announce(printerId);
}

async function announce(printerId: string): Promise<BedView> {
  const row = await db.printer.findUniqueOrThrow({ where: { id: printerId }, select: bedColumns });
  const bed = bedViewOf(row);
  await appendEvent(printerEventSchemas, "printer.bed", { bed }, printerId);
  return bed;
}
