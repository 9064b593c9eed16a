import { db } from "@/lib/db";
import type { FilamentUse } from "@/lib/jobs/filament";
import { normalizedStateSchema } from "@/lib/printers/types";
import { flagLowStock } from "./low-stock";
import { readBusinessSettings } from "../settings/settings";

/**
 * Which spools a job printed from, and taking its filament off them. With the job's use
 * per slot (the slicer's figure per filament, lib/jobs/filament.ts) each slot's spool is
 * debited with its own grams; a filament whose slot holds no spool stays unassigned
 * (priced at the fallback price). Without it (a job recorded before per-slot use, or
 * tests of the old path) the total is split over the spools of the slots active at the
 * end, or given to the only spool loaded.
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

function loadedSpools(printerId: string): Promise<LoadedSpool[]> {
  return db.spool.findMany({
    where: { printerId, archivedAt: null },
    select: { id: true, slot: true, material: { select: { type: true, brand: true, color: true, pricePerKgCents: true } } },
    orderBy: { createdAt: "asc" },
  });
}

/** The spools of a job's filament: the active slots' spools, or the only spool loaded. */
export async function spoolsForJob(printerId: string): Promise<LoadedSpool[]> {
  const loaded = await loadedSpools(printerId);
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
 * Each filament's grams on the spool of its slot; a printer with one spool and no slot
 * given to it (one tool, or a spool not assigned to a slot) takes everything.
 */
export function sharesOfUses(uses: readonly FilamentUse[], spools: readonly LoadedSpool[]): SpoolShare[] {
  const bySpool = new Map<string, { spool: LoadedSpool; grams: number }>();
  const only = spools.length === 1 && spools[0].slot === null ? spools[0] : null;
  for (const use of uses) {
    const spool = only ?? spools.find((s) => s.slot !== null && s.slot === use.slot);
    if (!spool || use.grams <= 0) continue;
    const entry = bySpool.get(spool.id) ?? { spool, grams: 0 };
    entry.grams += use.grams;
    bySpool.set(spool.id, entry);
  }
  return [...bySpool.values()].flatMap(({ spool, grams }) => splitGrams(Math.round(grams * 1000) / 1000, [spool]));
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && "code" in err && err.code === "P2002";
}

/**
 * Records the job's use of each spool once and deducts it; a second call for the same
 * job returns what was recorded (a recompute never deducts again).
 *
 * No interactive transaction: on SQLite a deferred transaction that reads before it
 * writes fails with SQLITE_BUSY_SNAPSHOT when another process (web or worker) wrote in
 * between. Each share is one batch that writes first (the JobSpoolUse insert, whose
 * unique (jobId, spoolId) makes a second deduction fail as a whole) and then decrements
 * the spool in SQL; the low-stock flag is one conditional update.
 */
export async function deductFilament(
  jobId: string,
  printerId: string,
  grams: number | null,
  uses: readonly FilamentUse[] | null = null,
): Promise<SpoolShare[]> {
  const recorded = await db.jobSpoolUse.findMany({
    where: { jobId },
    select: { grams: true, spool: { select: { id: true, slot: true, material: { select: { type: true, brand: true, color: true, pricePerKgCents: true } } } } },
  });
  if (recorded.length > 0) {
    return recorded.flatMap((use) => splitGrams(use.grams, [use.spool]));
  }
  const shares = uses ? sharesOfUses(uses, await loadedSpools(printerId)) : splitGrams(grams ?? 0, await spoolsForJob(printerId));
  const settings = await readBusinessSettings();
  for (const share of shares) {
    try {
      await db.$transaction([
        db.jobSpoolUse.create({ data: { jobId, spoolId: share.spoolId, grams: share.grams }, select: { id: true } }),
        db.spool.updateMany({ where: { id: share.spoolId }, data: { remainingGrams: { decrement: share.grams } } }),
      ]);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      continue;
    }
    await flagLowStock(share.spoolId, settings);
  }
  return shares;
}
