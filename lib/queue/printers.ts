import { db } from "@/lib/db";
import { bedBlocksStart, bedColumns, type BedColumns } from "@/lib/printers/bed";
import { canStartPrint } from "@/lib/printers/startable";
import { normalizedStateSchema, type NormalizedState } from "@/lib/printers/types";
import type { QueueSource } from "./source";
import { fitAgainst, type FitPrinter, type FitReason, type FitResult } from "./fit";

/** A printer as the queue sees it: what fit asks, its live state and its bed. */
export interface QueuePrinter extends FitPrinter, BedColumns {
  online: boolean;
  state: string;
  live: NormalizedState | null;
}

function parseState(data: string | undefined): NormalizedState | null {
  if (!data) return null;
  try {
    const parsed = normalizedStateSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function loadQueuePrinters(): Promise<QueuePrinter[]> {
  const rows = await db.printer.findMany({
    select: { id: true, name: true, kind: true, model: true, enabled: true, deletedAt: true, ...bedColumns, status: { select: { online: true, state: true, data: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map((row) => {
    const live = parseState(row.status?.data);
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      model: row.model,
      enabled: row.enabled,
      deleted: row.deletedAt !== null,
      filament: live?.filament ?? [],
      nozzleDiameterMm: live?.nozzleDiameterMm ?? null,
      bedState: row.bedState,
      bedStateSince: row.bedStateSince,
      bedStateReason: row.bedStateReason,
      autoStartWithoutBedCheck: row.autoStartWithoutBedCheck,
      online: row.status?.online ?? false,
      state: row.status?.state ?? "offline",
      live,
    };
  });
}

/** What an item asks of printers. */
export interface ItemTarget {
  targetPrinterId: string | null;
  targetModel: string | null;
  plate: number | null;
  amsMapping: number[] | null;
  skippedPrinterIds: readonly string[];
}

/** The printers an item may go to at all: its target, or every printer not removed (of its model). */
export function allowedPrinters(item: ItemTarget, printers: readonly QueuePrinter[]): QueuePrinter[] {
  if (item.targetPrinterId) return printers.filter((p) => p.id === item.targetPrinterId);
  return printers.filter((p) => !p.deleted && (!item.targetModel || p.model === item.targetModel));
}

export interface Candidates {
  fit: FitResult;
  /** Fitting printers the item may be dispatched to: not skipped, and reachable for the file. */
  printers: QueuePrinter[];
}

/**
 * The item's fit and its dispatch candidates. A file that lies only on one printer (no
 * local copy) can only print there; a skipped printer stays out until someone retries.
 */
export function candidatesOf(item: ItemTarget, source: QueueSource, printers: readonly QueuePrinter[]): Candidates {
  const allowed = allowedPrinters(item, printers);
  const fit = fitAgainst(source, allowed, { plate: item.plate, amsMapping: item.amsMapping });
  const reachable = (p: FitPrinter) => source.localFileId !== null || source.onPrinter?.printerId === p.id;
  const unreachable: FitReason[] = fit.fitting
    .filter((p) => !reachable(p))
    .map((p) => ({ code: "file_not_local", printerId: p.id, params: { printer: p.name, source: printers.find((q) => q.id === source.onPrinter?.printerId)?.name ?? "" } }));
  const usable = fit.fitting.filter(reachable);
  const fitResult: FitResult = unreachable.length === 0 ? fit : { ok: usable.length > 0, fitting: usable, reasons: [...fit.reasons, ...unreachable] };
  const ids = new Set(usable.map((p) => p.id));
  return { fit: fitResult, printers: printers.filter((p) => ids.has(p.id) && !item.skippedPrinterIds.includes(p.id)) };
}

/** Free for the next print right now: online, idle (or ended), and its bed confirmed clear or auto-start on. */
export function readyForDispatch(printer: QueuePrinter): boolean {
  return canStartPrint({ online: printer.online, state: printer.state }) && !bedBlocksStart(printer);
}

/** Waiting only for an operator to clear the bed. */
export function waitingForBed(printer: QueuePrinter): boolean {
  return canStartPrint({ online: printer.online, state: printer.state }) && bedBlocksStart(printer);
}
