import { z } from "zod";
import { db } from "@/lib/db";
import { storedLineSchema, type StoredLine } from "./price-job";
import { isMonthClosed } from "./month-close";
import { rateAt } from "../rates/rates";

/**
 * What the job page shows of a job's cost: the lines and totals in force (the latest
 * correction once the month is closed and the cost changed, else the booked JobCost),
 * the labour minutes and the labour rate of the job's day.
 */

export interface JobCostPanelData {
  jobId: string;
  ended: boolean;
  labourMinutes: number | null;
  /** false when the job ended without a known filament use: its material cost is unknown, not 0 €. */
  filamentKnown: boolean;
  /** Net cents per hour of labour in force at the job's end (decimal string), null while it runs. */
  labourCentsPerHour: string | null;
  monthClosed: boolean;
  cost: {
    lines: StoredLine[];
    netCents: number;
    vatCents: number;
    grossCents: number;
    vatRateBp: number;
    treatment: string;
    /** The figures come from a correction entry booked after the month was closed. */
    corrected: boolean;
  } | null;
}

const correctedSchema = z.object({
  netCents: z.number().int(),
  vatCents: z.number().int(),
  grossCents: z.number().int(),
  vatRateBp: z.number().int(),
  treatment: z.string(),
  lines: z.array(storedLineSchema),
});

function parseLines(text: string): StoredLine[] {
  const parsed = z.array(storedLineSchema).safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : [];
}

export async function jobCostPanelData(jobId: string): Promise<JobCostPanelData | null> {
  const job = await db.job.findUnique({ where: { id: jobId }, select: { id: true, endedAt: true, labourMinutes: true, filamentGrams: true } });
  if (!job) return null;
  const booked = await db.jobCost.findUnique({ where: { jobId } });
  const latest = await db.jobCostCorrection.findFirst({ where: { jobId }, orderBy: { id: "desc" }, select: { corrected: true } });
  const corrected = latest ? correctedSchema.safeParse(JSON.parse(latest.corrected)) : null;
  const cost = corrected?.success
    ? { ...corrected.data, corrected: true }
    : booked
      ? {
          lines: parseLines(booked.lines),
          netCents: booked.netCents,
          vatCents: booked.vatCents,
          grossCents: booked.grossCents,
          vatRateBp: booked.vatRateBp,
          treatment: booked.treatment,
          corrected: false,
        }
      : null;
  return {
    jobId,
    ended: job.endedAt !== null,
    labourMinutes: job.labourMinutes,
    filamentKnown: job.endedAt === null || job.filamentGrams !== null || (await db.jobSpoolUse.count({ where: { jobId } })) > 0,
    labourCentsPerHour: job.endedAt ? (await rateAt(job.endedAt)).labourCentsPerHour : null,
    monthClosed: booked ? await isMonthClosed({ year: booked.periodYear, month: booked.periodMonth }) : false,
    cost,
  };
}

/** The gross cents in force per job (the latest correction's, else the booked cost); jobs without a cost are left out. */
export async function grossCentsOfJobs(jobIds: readonly string[]): Promise<Map<string, number>> {
  const gross = new Map<string, number>();
  if (jobIds.length === 0) return gross;
  const booked = await db.jobCost.findMany({ where: { jobId: { in: [...jobIds] } }, select: { jobId: true, grossCents: true } });
  for (const cost of booked) gross.set(cost.jobId, cost.grossCents);
  const corrections = await db.jobCostCorrection.findMany({ where: { jobId: { in: [...jobIds] } }, orderBy: { id: "asc" }, select: { jobId: true, corrected: true } });
  for (const correction of corrections) {
    const parsed = correctedSchema.safeParse(JSON.parse(correction.corrected));
    if (parsed.success) gross.set(correction.jobId, parsed.data.grossCents);
  }
  return gross;
}

/** Whether the month a job's cost is booked in is closed (then its customer and order are booked too). */
export async function jobMonthClosed(jobId: string): Promise<boolean> {
  const cost = await db.jobCost.findUnique({ where: { jobId }, select: { periodYear: true, periodMonth: true } });
  return cost ? isMonthClosed({ year: cost.periodYear, month: cost.periodMonth }) : false;
}
