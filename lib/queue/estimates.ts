/**
 * When queued items may start and finish: a walk down the queue in order, each item on
 * the allowed printer that is free first, one after the other. A printer printing now is
 * free when its print's remaining time has passed; the time an operator needs to clear a
 * bed is not known and counts as none. Pure, for the API and its tests.
 */

export interface EstimatePrinter {
  id: string;
  /** When it can take the next print: now, or when the current print ends. */
  freeAt: Date;
}

export interface EstimateItem {
  id: string;
  /** Printers the item may go to, in preference order. */
  candidates: readonly string[];
  /** Null: the file does not say; the item gets a start but no finish, and blocks its printer from then on. */
  printSeconds: number | null;
}

export interface Estimate {
  start: Date | null;
  finish: Date | null;
}

export function estimateQueue(printers: readonly EstimatePrinter[], items: readonly EstimateItem[]): Map<string, Estimate> {
  const free = new Map<string, Date | null>(printers.map((p) => [p.id, p.freeAt]));
  const result = new Map<string, Estimate>();
  for (const item of items) {
    let best: { id: string; at: Date } | null = null;
    for (const id of item.candidates) {
      const at = free.get(id);
      if (at && (!best || at < best.at)) best = { id, at };
    }
    if (!best) {
      result.set(item.id, { start: null, finish: null });
      continue;
    }
    const finish = item.printSeconds === null ? null : new Date(best.at.getTime() + item.printSeconds * 1000);
    free.set(best.id, finish);
    result.set(item.id, { start: best.at, finish });
  }
  return result;
}

/** When a printer printing now will be free, from its remaining time (or progress and elapsed time). */
export function freeAtOf(now: Date, live: { printing: boolean; remainingSeconds: number | null; progress: number | null; elapsedSeconds: number | null }): Date {
  if (!live.printing) return now;
  if (live.remainingSeconds !== null) return new Date(now.getTime() + live.remainingSeconds * 1000);
  if (live.progress !== null && live.progress > 0 && live.elapsedSeconds !== null) {
    const total = (live.elapsedSeconds * 100) / live.progress;
    return new Date(now.getTime() + Math.max(0, total - live.elapsedSeconds) * 1000);
  }
  return now;
}
