import { nextBackupAt } from "./schedule";

/** How long a scheduled backup may take before its absence counts as a failure. */
const GRACE_MS = 3_600_000;

export interface OverdueInput {
  /** Berlin wall-clock "HH:MM", or "off". */
  time: string;
  lastSuccessAt: Date | null;
  /** When this installation began (its first user); a fresh install owes no backup yet. */
  installedAt: Date | null;
  now: Date;
}

/**
 * The scheduled backup that should have succeeded but has not: the first scheduled time
 * after the last success (or after installing), once it is more than an hour past.
 * Null while nothing is overdue or when scheduled backups are off.
 */
export function overdueBackupAt({ time, lastSuccessAt, installedAt, now }: OverdueInput): Date | null {
  if (time === "off") return null;
  const since = lastSuccessAt ?? installedAt;
  if (!since) return null;
  const due = nextBackupAt(since, time);
  return now.getTime() - due.getTime() > GRACE_MS ? due : null;
}
