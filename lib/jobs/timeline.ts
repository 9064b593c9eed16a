import { z } from "zod";
import type { ClosedStatus, OpenStatus } from "./machine";

/**
 * A job's timeline: the state changes the worker recorded (JobStateChange rows) plus the
 * moment a user asked for a stop. Jobs recorded before the table existed, or that were
 * already running when it came, get what their own columns tell (start and end).
 */

export const stateChangeKinds = ["started", "paused", "resumed", "finished", "failed", "cancelled"] as const;
export type StateChangeKind = (typeof stateChangeKinds)[number];

export const timelineKinds = [...stateChangeKinds, "stopRequested"] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const timelineEntrySchema = z.object({
  kind: z.enum(timelineKinds),
  at: z.iso.datetime(),
  /** The printer's error code, on a failed end. */
  errorCode: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** The change an open job's status move means: printing → paused is a pause, back is a resume. */
export function openTransition(previous: OpenStatus, next: OpenStatus): "paused" | "resumed" | null {
  if (previous === next) return null;
  return next === "paused" ? "paused" : "resumed";
}

export function isStateChangeKind(value: string): value is StateChangeKind {
  return (stateChangeKinds as readonly string[]).includes(value);
}

export interface TimelineJob {
  status: OpenStatus | ClosedStatus;
  startedAt: string;
  endedAt: string | null;
  stopRequestedAt: string | null;
  errorCode: string | null;
}

export interface RecordedChange {
  status: string;
  at: Date;
  errorCode: string | null;
}

const endKinds: ReadonlySet<TimelineKind> = new Set(["finished", "failed", "cancelled"]);

/** Oldest first; where two share an instant, the start comes first and the end last. */
function order(a: TimelineEntry, b: TimelineEntry): number {
  const rank = (e: TimelineEntry) => (e.kind === "started" ? 0 : endKinds.has(e.kind) ? 2 : 1);
  return Date.parse(a.at) - Date.parse(b.at) || rank(a) - rank(b);
}

export function buildTimeline(job: TimelineJob, recorded: readonly RecordedChange[]): TimelineEntry[] {
  const entries: TimelineEntry[] = recorded
    .filter((change): change is RecordedChange & { status: StateChangeKind } => isStateChangeKind(change.status))
    .map((change) => ({ kind: change.status, at: change.at.toISOString(), errorCode: change.errorCode }));
  if (!entries.some((e) => e.kind === "started")) entries.push({ kind: "started", at: job.startedAt, errorCode: null });
  const end = job.status === "finished" || job.status === "failed" || job.status === "cancelled" ? job.status : null;
  if (end && job.endedAt && !entries.some((e) => e.kind === end && e.at === job.endedAt)) {
    entries.push({ kind: end, at: job.endedAt, errorCode: end === "failed" ? job.errorCode : null });
  }
  if (job.stopRequestedAt) entries.push({ kind: "stopRequested", at: job.stopRequestedAt, errorCode: null });
  return entries.sort(order);
}
