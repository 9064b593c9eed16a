import { db } from "@/lib/db";
import type { NormalizedState, PrinterStateName } from "@/lib/printers/types";

/**
 * Temperature history, downsampled: one sample per `printingMs` while a job runs, one
 * per `idleMs` otherwise, none while offline. A change between printing and idle takes
 * a sample at once, so charts show when heating started and stopped.
 */

export interface SamplingOptions {
  printingMs: number;
  idleMs: number;
}

const busyStates: ReadonlySet<PrinterStateName> = new Set(["preparing", "printing", "paused"]);

export interface SamplerMemory {
  lastAt: number | null;
  lastBusy: boolean | null;
}

export function dueForSample(memory: SamplerMemory, state: NormalizedState, now: number, opts: SamplingOptions): boolean {
  if (!state.online) return false;
  const busy = busyStates.has(state.state);
  if (memory.lastAt === null || memory.lastBusy !== busy) return true;
  return now - memory.lastAt >= (busy ? opts.printingMs : opts.idleMs);
}

export class TemperatureSampler {
  private memory: SamplerMemory = { lastAt: null, lastBusy: null };
  samples = 0;

  constructor(
    private readonly printerId: string,
    private readonly opts: SamplingOptions,
  ) {}

  async offer(state: NormalizedState, now: number): Promise<void> {
    if (!dueForSample(this.memory, state, now, this.opts)) return;
    const memory = { lastAt: now, lastBusy: busyStates.has(state.state) };
    await db.temperatureSample.create({
      data: {
        printerId: this.printerId,
        at: new Date(now),
        nozzle: state.nozzle.current,
        nozzleTarget: state.nozzle.target,
        bed: state.bed.current,
        bedTarget: state.bed.target,
        chamber: state.chamber.current,
      },
    });
    this.memory = memory;
    this.samples += 1;
  }
}
