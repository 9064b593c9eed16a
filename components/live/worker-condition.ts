/**
 * The background worker as a shop owner reads it: running, standby (stopped cleanly,
 * the lease given up) or not reachable (no heartbeat for longer than the stale limit),
 * each with the instant it has been so since.
 */
export type WorkerConditionName = "running" | "standby" | "unreachable" | "never";

export interface WorkerSnapshot {
  heartbeatAt: string | null;
  /** When the running worker took over (its process start or lease acquisition). */
  runningSince: string | null;
  /** The worker gave its lease up on shutdown. */
  released: boolean;
}

export interface WorkerCondition {
  name: WorkerConditionName;
  since: Date | null;
}

export function workerCondition(snapshot: WorkerSnapshot, now: Date, staleMs: number): WorkerCondition {
  if (!snapshot.heartbeatAt) return { name: "never", since: null };
  const beat = new Date(snapshot.heartbeatAt);
  if (snapshot.released) return { name: "standby", since: beat };
  if (now.getTime() - beat.getTime() >= staleMs) return { name: "unreachable", since: beat };
  return { name: "running", since: snapshot.runningSince ? new Date(snapshot.runningSince) : beat };
}

/**
 * A past event never lies in the future: clocks of server, worker and browser differ
 * by a little, which would otherwise read "in 1 second".
 */
export function clampToNow(at: Date, now: Date): Date {
  return at.getTime() > now.getTime() ? now : at;
}
