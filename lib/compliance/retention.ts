import { z } from "zod";
import { apiError } from "@/lib/api/errors";
import { audit, systemActor, type AuditActor } from "@/lib/audit/audit";
import { berlinDayStart, berlinWallClock } from "@/lib/business/calendar";
import { readSetting, writeSetting } from "@/lib/business/settings/settings";
import { db } from "@/lib/db";
import { readRetentionSettings } from "./retention-settings";

/**
 * Retention: business records are kept for the configured years and cannot be deleted
 * before; telemetry is purged after its days. Purging deletes whole old rows (and
 * clears the diagnostic raw payload of printers not heard from since); nothing in the
 * event or audit log is ever edited.
 */

export const RETENTION_RUN_KEY = "compliance.retention.lastRun";

export const retentionRunSchema = z.object({
  at: z.string(),
  cutoff: z.string(),
  counts: z.object({ temperatureSamples: z.number(), events: z.number(), commands: z.number(), printerRaw: z.number() }),
});
export type RetentionRun = z.infer<typeof retentionRunSchema>;

/** The first instant a record made at `madeAt` may be deleted: 1 January after the end of the period, Berlin time. */
export function deletableFrom(madeAt: Date, years: number): Date {
  const { year } = berlinWallClock(madeAt);
  return berlinDayStart({ year: year + years + 1, month: 1, day: 1 });
}

/** Deletes a job and its cost records once the retention period is over; refused (409 retention) before. */
export async function deleteJobRecord(jobId: string, actor: AuditActor, ip: string | null, now = new Date()): Promise<void> {
  const job = await db.job.findUnique({ where: { id: jobId }, select: { id: true, endedAt: true, startedAt: true, status: true } });
  if (!job) throw apiError("not_found");
  if (!job.endedAt) throw apiError("conflict", { reason: "job_not_ended" });
  const { businessYears } = await readRetentionSettings();
  const from = deletableFrom(job.endedAt, businessYears);
  if (now < from) throw apiError("conflict", { reason: "retention", deletableFrom: from.toISOString() });
  await db.$transaction([
    db.jobCostCorrection.deleteMany({ where: { jobId } }),
    db.jobCost.deleteMany({ where: { jobId } }),
    db.jobSpoolUse.deleteMany({ where: { jobId } }),
    db.job.delete({ where: { id: jobId } }),
  ]);
  await audit({ actor, action: "retention.job_deleted", target: jobId, details: { endedAt: job.endedAt.toISOString() }, ip });
}

/** Purges telemetry older than the configured days and records the counts (audit "retention.purge"). */
export async function purgeTelemetry(now = new Date()): Promise<RetentionRun> {
  const { telemetryDays } = await readRetentionSettings();
  const cutoff = new Date(now.getTime() - telemetryDays * 86_400_000);
  const samples = await db.temperatureSample.deleteMany({ where: { at: { lt: cutoff } } });
  const events = await db.event.deleteMany({ where: { createdAt: { lt: cutoff } } });
  const commands = await db.command.deleteMany({ where: { createdAt: { lt: cutoff }, status: { in: ["succeeded", "failed"] } } });
  const raw = await db.printerStatus.updateMany({ where: { updatedAt: { lt: cutoff }, raw: { not: null } }, data: { raw: null } });
  const run: RetentionRun = {
    at: now.toISOString(),
    cutoff: cutoff.toISOString(),
    counts: { temperatureSamples: samples.count, events: events.count, commands: commands.count, printerRaw: raw.count },
  };
  await writeSetting(RETENTION_RUN_KEY, run);
  await audit({ actor: systemActor, action: "retention.purge", details: { cutoff: run.cutoff, ...run.counts } });
  return run;
}

export async function lastRetentionRun(): Promise<RetentionRun | null> {
  const run = await readSetting(RETENTION_RUN_KEY, retentionRunSchema.nullable().catch(null));
  return run ?? null;
}
