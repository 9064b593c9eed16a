import { db } from "@/lib/db";
import { appendEvent } from "@/lib/events/append";
import { normalizedStateSchema } from "@/lib/printers/types";
import { readBusinessSettings } from "./settings";

/**
 * Which spools a job printed from, and taking its filament off them. Bambu: the AMS
 * slots (or the external spool "ext") active in the printer's state when the job ended,
 * matched to spools loaded in those slots. PrusaLink has one tool: the spool assigned
 * to the printer. Grams are split evenly over the slots when several were active (the
 * printer does not report per-slot use).
 */

export interface SpoolShare {
  spoolId: string;
  materialLabel: string;
  pricePerKgCents: number;
  grams: number;
}

interface LoadedSpool {
  id: string;
  slot: string | null;
  material: { type: string; brand: string; color: string; pricePerKgCents: number };
}

async function activeSlots(printerId: string): Promise<string[]> {
  const status = await db.printerStatus.findUnique({ where: { printerId }, select: { data: true } });
  if (!status) return [];
  try {
    const parsed = normalizedStateSchema.safeParse(JSON.parse(status.data));
    return parsed.success ? parsed.data.filament.filter((slot) => slot.active).map((slot) => slot.id) : [];
  } catch {
    return [];
  }
}

/** The spools of a job's filament: the active slots' spools, or the only spool loaded. */
export async function spoolsForJob(printerId: string): Promise<LoadedSpool[]> {
  const loaded = await db.spool.findMany({
    where: { printerId, archivedAt: null },
    select: { id: true, slot: true, material: { select: { type: true, brand: true, color: true, pricePerKgCents: true } } },
    orderBy: { createdAt: "asc" },
  });
  if (loaded.length <= 1) return loaded;
  const slots = await activeSlots(printerId);
  return loaded.filter((spool) => spool.slot !== null && slots.includes(spool.slot));
}

export function splitGrams(totalGrams: number, spools: readonly LoadedSpool[]): SpoolShare[] {
  if (spools.length === 0 || totalGrams <= 0) return [];
  const each = Math.round((totalGrams / spools.length) * 1000) / 1000;
  return spools.map((spool) => ({
    spoolId: spool.id,
    materialLabel: `${spool.material.brand} ${spool.material.type} ${spool.material.color}`.trim(),
    pricePerKgCents: spool.material.pricePerKgCents,
    grams: each,
  }));
}

/**
 * Records the job's use of each spool once and deducts it; a second call for the same
 * job returns what was recorded (a recompute never deducts again).
 */
export async function deductFilament(jobId: string, printerId: string, grams: number | null): Promise<SpoolShare[]> {
  const recorded = await db.jobSpoolUse.findMany({
    where: { jobId },
    select: { grams: true, spool: { select: { id: true, slot: true, material: { select: { type: true, brand: true, color: true, pricePerKgCents: true } } } } },
  });
  if (recorded.length > 0) {
    return recorded.flatMap((use) => splitGrams(use.grams, [use.spool]));
  }
  const shares = splitGrams(grams ?? 0, await spoolsForJob(printerId));
  const settings = await readBusinessSettings();
  for (const share of shares) {
    const spool = await db.$transaction(async (tx) => {
      await tx.jobSpoolUse.create({ data: { jobId, spoolId: share.spoolId, grams: share.grams } });
      return tx.spool.update({
        where: { id: share.spoolId },
        data: { remainingGrams: { decrement: share.grams } },
        select: { id: true, remainingGrams: true, lowStockNotifiedAt: true },
      });
    });
    if (spool.remainingGrams <= settings.lowStockGrams && spool.lowStockNotifiedAt === null) {
      await db.spool.update({ where: { id: spool.id }, data: { lowStockNotifiedAt: new Date() } });
      await appendEvent(
        "spool.low_stock",
        { spoolId: spool.id, remainingGrams: Math.max(0, Math.round(spool.remainingGrams)), thresholdGrams: settings.lowStockGrams, label: share.materialLabel },
        printerId,
      );
    }
  }
  return shares;
}
