import { z } from "zod";
import { apiError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { berlinMonthOf, type BerlinMonth } from "../calendar";
import { computeJobCostLines, type MaterialUse } from "./cost-model";
import { bookingMonth, isMonthClosed } from "./month-close";
import { storedLines } from "./stored-line";
import { rateAt, type BusinessRate } from "../rates/rates";
import { readBusinessSettings } from "../settings/settings";
import { splitGrams, type SpoolShare } from "../inventory/spool-usage";
import { computeJobTotals, type JobTotals, type VatRateBp, type VatTreatment } from "../money/vat";

/**
 * Prices a finished job from what the database knows (its filament, its spools, its
 * print time, the labour minutes entered for it, the rate in force at its end) and
 * stores the result as its JobCost. Until the job's Berlin month is closed a recompute
 * replaces the JobCost; afterwards the difference is booked as a JobCostCorrection and
 * the JobCost stays as it was.
 */

export { storedLineSchema, storedLines, type StoredLine } from "./stored-line";

export interface PricedJob {
  jobId: string;
  totals: JobTotals;
  rate: BusinessRate;
  month: BerlinMonth;
}

const closedStatuses = ["finished", "failed", "cancelled"];

async function recordedShares(jobId: string): Promise<SpoolShare[]> {
  const uses = await db.jobSpoolUse.findMany({
    where: { jobId },
    select: { grams: true, spool: { select: { id: true, slot: true, material: { select: { type: true, brand: true, color: true, pricePerKgCents: true } } } } },
    orderBy: { id: "asc" },
  });
  return uses.flatMap((use) => splitGrams(use.grams, [use.spool]));
}

function gramsText(grams: number): string {
  return grams.toFixed(3);
}

export interface PricedMaterial {
  /** Grams as recorded (to the milligram). */
  grams: number;
  pricePerKgCents: number;
  label?: string;
}

export interface PrintToPrice {
  materials: readonly PricedMaterial[];
  printSeconds: number;
  labourMinutes: number | null;
  businessUse: boolean;
  rate: BusinessRate;
  /** Default: the rate's markup. */
  markupBp?: number;
  /** Default: the rate's VAT rate. */
  vatRateBp?: VatRateBp;
}

/**
 * The cost of one print from its filament, time and labour at a rate: the one path job
 * costs and quotes take, so a quote is what the job it becomes will book, to the cent.
 */
export function pricePrint(print: PrintToPrice): JobTotals {
  const { rate } = print;
  const lines = computeJobCostLines({
    materials: print.materials.map((material): MaterialUse => ({
      grams: gramsText(material.grams),
      pricePerKgCents: material.pricePerKgCents,
      ...(material.label === undefined ? {} : { label: material.label }),
    })),
    energy: {
      use: { kind: "profile", heatUpWatts: 0, heatUpSeconds: 0, printingWatts: rate.printerPowerWatts, printingSeconds: print.printSeconds },
      centsPerKwh: rate.electricityCentsPerKwh,
    },
    machine: { printSeconds: print.printSeconds, centsPerHour: rate.machineCentsPerHour },
    ...(print.labourMinutes ? { labour: { minutes: print.labourMinutes, centsPerHour: rate.labourCentsPerHour } } : {}),
    markupBp: print.markupBp ?? rate.defaultMarkupBp,
  });
  return computeJobTotals(lines, { vatRate: print.vatRateBp ?? rate.defaultVatRateBp, mode: rate.vatMode, businessUse: print.businessUse });
}

/** Computes (does not store) the cost of a closed job. */
export async function priceJobFromDatabase(jobId: string): Promise<PricedJob> {
  const job = await db.job.findUnique({
    where: { id: jobId },
    select: { id: true, status: true, endedAt: true, durationSeconds: true, filamentGrams: true, businessUse: true, labourMinutes: true },
  });
  if (!job) throw apiError("not_found");
  if (!job.endedAt || !closedStatuses.includes(job.status)) throw apiError("conflict", { reason: "job_not_ended" });
  const rate = await rateAt(job.endedAt);
  const settings = await readBusinessSettings();
  const shares = await recordedShares(jobId);
  const materials: PricedMaterial[] = shares.map((share) => ({ grams: share.grams, pricePerKgCents: share.pricePerKgCents, label: share.materialLabel }));
  const unassigned = (job.filamentGrams ?? 0) - shares.reduce((sum, share) => sum + share.grams, 0);
  if (unassigned > 0.0005) materials.push({ grams: unassigned, pricePerKgCents: settings.fallbackMaterialCentsPerKg });
  const totals = pricePrint({ materials, printSeconds: job.durationSeconds ?? 0, labourMinutes: job.labourMinutes, businessUse: job.businessUse, rate });
  return { jobId, totals, rate, month: berlinMonthOf(job.endedAt) };
}

export type ApplyOutcome =
  | { kind: "stored"; priced: PricedJob }
  | { kind: "unchanged"; priced: PricedJob }
  | { kind: "corrected"; priced: PricedJob; correctionId: number };

export interface ApplyOptions {
  actorId: string | null;
  reason: string;
  now?: Date;
}

/** Stores the job's cost, or books a correction when its month is closed. */
export async function applyJobCost(jobId: string, options: ApplyOptions): Promise<ApplyOutcome> {
  const priced = await priceJobFromDatabase(jobId);
  const { totals, month } = priced;
  const existing = await db.jobCost.findUnique({ where: { jobId } });
  if (existing && (await isMonthClosed({ year: existing.periodYear, month: existing.periodMonth }))) {
    return correct(priced, existing, options);
  }
  const data = {
    lines: JSON.stringify(storedLines(totals)),
    netCents: totals.netCents,
    vatCents: totals.vatCents,
    grossCents: totals.grossCents,
    vatRateBp: totals.vatRateBp,
    treatment: totals.treatment,
    computedAt: options.now ?? new Date(),
    priceVersion: priced.rate.id,
    periodYear: month.year,
    periodMonth: month.month,
  };
  if (!existing && (await isMonthClosed(month))) {
    return correct(priced, { netCents: 0, vatCents: 0, grossCents: 0, treatment: totals.treatment }, options);
  }
  await db.jobCost.upsert({ where: { jobId }, create: { jobId, ...data }, update: data });
  return { kind: "stored", priced };
}

interface BookedTotals {
  netCents: number;
  vatCents: number;
  grossCents: number;
  treatment: string;
}

async function correct(priced: PricedJob, booked: BookedTotals, options: ApplyOptions): Promise<ApplyOutcome> {
  const corrections = await db.jobCostCorrection.findMany({ where: { jobId: priced.jobId }, orderBy: { id: "asc" } });
  const last = corrections.at(-1);
  const current = last ? correctedTotals(last.corrected) : booked;
  const { totals } = priced;
  if (current.netCents === totals.netCents && current.vatCents === totals.vatCents && current.treatment === totals.treatment) {
    return { kind: "unchanged", priced };
  }
  const month = await bookingMonth(options.now);
  const row = await db.jobCostCorrection.create({
    data: {
      jobId: priced.jobId,
      createdById: options.actorId,
      reason: options.reason,
      deltaNetCents: totals.netCents - current.netCents,
      deltaVatCents: totals.vatCents - current.vatCents,
      deltaGrossCents: totals.grossCents - current.grossCents,
      vatRateBp: totals.vatRateBp,
      treatment: totals.treatment,
      corrected: JSON.stringify({ ...totalsSummary(totals), lines: storedLines(totals), priceVersion: priced.rate.id }),
      periodYear: month.year,
      periodMonth: month.month,
    },
    select: { id: true },
  });
  return { kind: "corrected", priced, correctionId: row.id };
}

const correctedSchema = z.object({
  netCents: z.number().int(),
  vatCents: z.number().int(),
  grossCents: z.number().int(),
  treatment: z.string(),
});

function correctedTotals(text: string): BookedTotals {
  return correctedSchema.parse(JSON.parse(text));
}

function totalsSummary(totals: JobTotals): BookedTotals & { vatRateBp: number; treatment: VatTreatment } {
  return { netCents: totals.netCents, vatCents: totals.vatCents, grossCents: totals.grossCents, vatRateBp: totals.vatRateBp, treatment: totals.treatment };
}
