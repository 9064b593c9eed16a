import { isCancelCode } from "./hms";
import type { PrintReport } from "./schemas";

/**
 * What a single report cannot tell: when the current print started, when it ended,
 * and whether a FAILED print was cancelled. Bambu reports a cancel (from the screen,
 * the app or our stop) as gcode_state FAILED, the same as a real failure; the cancel
 * code in print_error lasts a few seconds and then resets to 0. The tracker remembers
 * what it saw for the current job so the answer does not flip back.
 */

export type JobOutcome = "cancelled" | "failed";

export interface JobContext {
  /** When we saw the job begin (ms); null when we first saw it already running. */
  startedAt: number | null;
  /** When we saw it reach FINISH/FAILED (ms). */
  endedAt: number | null;
  /** Stable for one job within this driver: seeds the fallback job id. */
  firstSeenAt: number | null;
  outcome: JobOutcome | null;
}

type Phase = "unknown" | "idle" | "active" | "terminal";

const activeStates = new Set(["PREPARE", "SLICING", "RUNNING", "PAUSE"]);
const terminalStates = new Set(["FINISH", "FAILED"]);
const idleStates = new Set(["IDLE", "INIT"]);

/** Empty while the printer has not named the job yet (early PREPARE reports). */
function identityOf(report: PrintReport): string {
  if (!report.subtask_name && !report.gcode_file) return "";
  return [report.task_id ?? "", report.subtask_name ?? "", report.gcode_file ?? ""].join("|");
}

function numericCode(value: number | string | null | undefined): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return 0;
}

export class JobTracker {
  private phase: Phase = "unknown";
  private identity = "";
  private stopRequested = false;
  private failed = false;
  private context: JobContext = { startedAt: null, endedAt: null, firstSeenAt: null, outcome: null };

  current(): JobContext {
    return { ...this.context };
  }

  /** Called when the printer acknowledged a stop we sent. */
  noteStopRequested(): void {
    this.stopRequested = true;
    if (this.phase === "terminal" && this.failed) this.context.outcome = "cancelled";
  }

  observe(report: PrintReport, now: number): JobContext {
    const state = report.gcode_state ?? "";
    if (activeStates.has(state)) this.observeActive(report, now);
    else if (terminalStates.has(state)) this.observeTerminal(report, state, now);
    else if (idleStates.has(state)) this.reset("idle");
    return this.current();
  }

  private observeActive(report: PrintReport, now: number): void {
    const identity = identityOf(report);
    const replaced = this.phase === "active" && this.identity !== "" && identity !== "" && identity !== this.identity;
    if (this.phase !== "active" || replaced) {
      this.failed = false;
      const sawBeginning = this.phase === "idle" || this.phase === "terminal" || replaced;
      this.stopRequested = false;
      this.context = { startedAt: sawBeginning ? now : null, endedAt: null, firstSeenAt: now, outcome: null };
    }
    if (identity !== "") this.identity = identity;
    this.phase = "active";
  }

  private observeTerminal(report: PrintReport, state: string, now: number): void {
    if (this.phase === "active") this.context.endedAt = now;
    if (this.phase === "unknown" || this.phase === "idle") {
      this.context = { startedAt: null, endedAt: null, firstSeenAt: now, outcome: null };
      this.stopRequested = false;
    }
    this.phase = "terminal";
    this.identity = identityOf(report);
    this.failed = state === "FAILED";
    if (state !== "FAILED") {
      this.context.outcome = null;
      return;
    }
    const printError = numericCode(report.print_error);
    const failReason = numericCode(report.fail_reason);
    if (this.stopRequested || isCancelCode(printError) || isCancelCode(failReason)) {
      this.context.outcome = "cancelled";
    } else if (this.context.outcome === null && (printError !== 0 || failReason !== 0)) {
      this.context.outcome = "failed";
    }
  }

  private reset(phase: Phase): void {
    this.phase = phase;
    this.failed = false;
    this.identity = "";
    this.stopRequested = false;
    this.context = { startedAt: null, endedAt: null, firstSeenAt: null, outcome: null };
  }
}
