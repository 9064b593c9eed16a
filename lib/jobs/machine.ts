import type { NormalizedState, PrinterError, PrinterStateName } from "@/lib/printers/types";

/**
 * The job state machine: given the job we consider running on a printer (from memory or
 * the database) and the printer's latest normalized state, what happens to the job.
 * Pure, so every transition (reconnects, restarts, a printer that was offline while
 * its print ended) is tested without a printer or a database.
 *
 * Offline says nothing about the print: the job stays open until the printer is back
 * and tells us (same print running: continue; ended, idle or another print: close).
 */

export const jobStatuses = ["printing", "paused", "finished", "failed", "cancelled"] as const;
export type JobStatus = (typeof jobStatuses)[number];
export type OpenStatus = "printing" | "paused";
export type ClosedStatus = "finished" | "failed" | "cancelled";

export interface OpenJob {
  id: string;
  printerJobId: string | null;
  name: string;
  fileName: string | null;
  status: OpenStatus;
  progress: number;
  layer: number | null;
  totalLayers: number | null;
  startedAt: Date;
  stopRequestedAt: Date | null;
}

export interface JobFields {
  printerJobId: string | null;
  name: string;
  fileName: string | null;
  status: OpenStatus;
  progress: number;
  layer: number | null;
  totalLayers: number | null;
}

export type JobAction =
  | ({ kind: "create"; startedAt: Date } & JobFields)
  | ({ kind: "update"; id: string } & JobFields)
  | {
      kind: "close";
      id: string;
      status: ClosedStatus;
      errorCode: string | null;
      endedAt: Date;
      progress: number;
      /** printer: the printer reported the end; inferred: we missed it and judged from what we knew. */
      basis: "printer" | "inferred";
    };

/** Error code for a print that ended while we could not see how. */
export const INTERRUPTED = "interrupted";

const activeStates: ReadonlySet<PrinterStateName> = new Set(["preparing", "printing", "paused"]);
const terminalStates: ReadonlySet<PrinterStateName> = new Set(["finished", "failed", "cancelled"]);

function baseName(path: string): string {
  return path.split("/").filter(Boolean).pop() ?? path;
}

export function jobName(state: NormalizedState): string {
  return state.jobName ?? (state.fileName ? baseName(state.fileName) : null) ?? state.printerJobId ?? "?";
}

function fieldsOf(state: NormalizedState, open: OpenJob | null): JobFields {
  return {
    printerJobId: state.printerJobId ?? open?.printerJobId ?? null,
    name: state.jobName || state.fileName ? jobName(state) : (open?.name ?? jobName(state)),
    fileName: state.fileName ?? open?.fileName ?? null,
    status: state.state === "paused" ? "paused" : "printing",
    progress: state.progress ?? open?.progress ?? 0,
    layer: state.layer ?? open?.layer ?? null,
    totalLayers: state.totalLayers ?? open?.totalLayers ?? null,
  };
}

function startOf(state: NormalizedState, now: Date): Date {
  const elapsed = state.elapsedSeconds;
  return elapsed !== null && elapsed >= 0 ? new Date(now.getTime() - elapsed * 1000) : now;
}

/**
 * Does this state describe the open job? A missing id does (PrusaLink drops the job
 * from its status once a print ends). Bambu prints started over LAN have no printer id,
 * so the driver derives one from file, name and start; that id changes when the printer
 * clears gcode_file at FINISH/FAILED (real printers do) and after a worker restart.
 * Same name, a compatible file, and (while printing) progress not gone back means the
 * same print.
 */
export function describesOpenJob(open: OpenJob, state: NormalizedState): boolean {
  const id = state.printerJobId;
  if (id === null || id === open.printerJobId) return true;
  const derived = id.startsWith("local-") && (open.printerJobId === null || open.printerJobId.startsWith("local-"));
  if (!derived || jobName(state) !== open.name) return false;
  const sameFile = state.fileName === null || open.fileName === null || state.fileName === open.fileName;
  const ongoing = !activeStates.has(state.state) || (state.progress ?? 0) >= open.progress - 2;
  return sameFile && ongoing;
}

/** The code to keep on a failed job: the most severe error the printer reports. */
export function errorCodeOf(errors: readonly PrinterError[]): string | null {
  const rank = { fatal: 0, error: 1, warning: 2, info: 3 } as const;
  const worst = [...errors].sort((a, b) => rank[a.severity] - rank[b.severity])[0];
  return worst?.code ?? null;
}

function closeReported(open: OpenJob, state: NormalizedState, now: Date): JobAction {
  const base = { kind: "close", id: open.id, endedAt: now, basis: "printer" } as const;
  if (state.state === "finished") return { ...base, status: "finished", errorCode: null, progress: 100 };
  const progress = state.progress ?? open.progress;
  if (state.state === "cancelled" || open.stopRequestedAt !== null) {
    return { ...base, status: "cancelled", errorCode: null, progress };
  }
  return { ...base, status: "failed", errorCode: errorCodeOf(state.errors) ?? state.state.toUpperCase(), progress };
}

/** We missed the end: our own stop means cancelled, a print at its end finished, anything else failed. */
export function closeInferred(open: OpenJob, now: Date): JobAction {
  const base = { kind: "close", id: open.id, endedAt: now, basis: "inferred", progress: open.progress } as const;
  if (open.stopRequestedAt !== null) return { ...base, status: "cancelled", errorCode: null };
  if (open.progress >= 99.5) return { ...base, status: "finished", errorCode: null, progress: 100 };
  return { ...base, status: "failed", errorCode: INTERRUPTED };
}

function changed(open: OpenJob, next: JobFields): boolean {
  return (
    open.status !== next.status ||
    open.progress !== next.progress ||
    open.layer !== next.layer ||
    open.totalLayers !== next.totalLayers ||
    open.printerJobId !== next.printerJobId ||
    open.name !== next.name ||
    open.fileName !== next.fileName
  );
}

export function decideJob(open: OpenJob | null, state: NormalizedState, now: Date): JobAction[] {
  if (!state.online || state.state === "offline") return [];
  const active = activeStates.has(state.state);
  const hasId = state.printerJobId !== null;

  if (!open) {
    if (active && hasId) return [{ kind: "create", startedAt: startOf(state, now), ...fieldsOf(state, null) }];
    return [];
  }

  const same = describesOpenJob(open, state);
  if (active) {
    if (!same) return [closeInferred(open, now), { kind: "create", startedAt: startOf(state, now), ...fieldsOf(state, null) }];
    const next = fieldsOf(state, open);
    return changed(open, next) ? [{ kind: "update", id: open.id, ...next }] : [];
  }
  if (terminalStates.has(state.state) || state.state === "error") {
    return same ? [closeReported(open, state, now)] : [closeInferred(open, now)];
  }
  return [closeInferred(open, now)];
}
