export interface Queued {
  id: string;
  printerId: string;
}

export interface SchedulerLimits {
  total: number;
  perPrinter: number;
}

/**
 * Chooses which queued downloads start next: at most `total` at once, at most
 * `perPrinter` per printer, and printers take turns (round-robin after the printer served
 * last), so one printer with a hundred queued files cannot starve the others. Within a
 * printer, the queue order (oldest first) holds.
 */
export class FairScheduler {
  private lastPrinter: string | null = null;

  constructor(private readonly limits: SchedulerLimits) {}

  /** `queued` oldest first; `running` counts per printer. Returns the downloads to start now, in order. */
  pick(queued: readonly Queued[], running: ReadonlyMap<string, number>): Queued[] {
    const counts = new Map(running);
    let total = [...counts.values()].reduce((a, b) => a + b, 0);
    const byPrinter = new Map<string, Queued[]>();
    for (const item of queued) {
      const list = byPrinter.get(item.printerId);
      if (list) list.push(item);
      else byPrinter.set(item.printerId, [item]);
    }
    const printers = [...byPrinter.keys()].sort();
    const chosen: Queued[] = [];
    let progressed = true;
    while (total < this.limits.total && progressed) {
      progressed = false;
      for (const printerId of this.rotation(printers)) {
        if (total >= this.limits.total) break;
        const list = byPrinter.get(printerId);
        if (!list || list.length === 0 || (counts.get(printerId) ?? 0) >= this.limits.perPrinter) continue;
        const next = list.shift();
        if (!next) continue;
        chosen.push(next);
        counts.set(printerId, (counts.get(printerId) ?? 0) + 1);
        total += 1;
        this.lastPrinter = printerId;
        progressed = true;
      }
    }
    return chosen;
  }

  /** Printers in order, starting after the one served last. */
  private rotation(printers: string[]): string[] {
    if (this.lastPrinter === null) return printers;
    const last = this.lastPrinter;
    const after = printers.findIndex((p) => p > last);
    return after < 0 ? printers : [...printers.slice(after), ...printers.slice(0, after)];
  }
}
