import type { ChildProcess } from "node:child_process";

/** One fault scenario of `npm run faults`: what it breaks, what must hold, what it saw. */

export interface FaultOutcome {
  /** What happened, with figures ("printers back after 3.1 s, 20 of 20"). */
  observed: string;
  /** Events, jobs or files the fault lost; must be 0. */
  lost: number;
  /** Events, jobs or files the fault produced twice; must be 0. */
  duplicated: number;
  /** Whether the scenario's own condition (`mustHold`) held. */
  held: boolean;
}

export interface FaultContext {
  /** `npm run faults -- --full`: the larger sizes. */
  full: boolean;
  /** A fresh folder for this scenario (database, data, logs), removed afterwards. */
  dir: string;
  /** Children started by the scenario, stopped after it whatever happens. */
  track(child: ChildProcess): ChildProcess;
  /** Closed after the scenario, last registered first. */
  defer(close: () => Promise<unknown> | unknown): void;
  log(message: string): void;
}

export interface FaultScenario {
  name: string;
  mustHold: string;
  /** Only in `--full` (the full-size probes, outside `npm test`). */
  fullOnly?: boolean;
  run(ctx: FaultContext): Promise<FaultOutcome>;
}

export function outcome(held: boolean, observed: string, lost = 0, duplicated = 0): FaultOutcome {
  return { held: held && lost === 0 && duplicated === 0, observed, lost, duplicated };
}
