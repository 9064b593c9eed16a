/**
 * Seconds a print has been running: the printer's own count when it reports one, else
 * the time since the job started (from Printernizer's job record); null when neither is
 * known or the browser's clock is not read yet.
 */
export function elapsedSecondsOf(reported: number | null, jobStartedAt: string | null, now: Date | null): number | null {
  if (reported !== null) return reported;
  if (!jobStartedAt || !now) return null;
  return Math.max(0, Math.round((now.getTime() - new Date(jobStartedAt).getTime()) / 1000));
}
