import { z } from "zod";
import { db } from "@/lib/db";
import { berlinMonthOf, DEFAULT_BUSINESS_HOURS, splitByBusinessHours, type BusinessHoursConfig } from "../calendar";
import { storedLineSchema, type StoredLine } from "../costing/price-job";
import { add, parseDecimal, type Rational, toDecimalString } from "../money/money";
import { rangeOfDays } from "./period";

export { reportRangeQuerySchema } from "./period";
import { sumTotals, vatRateBpSchema, type ReportTotals, type SummableTotals } from "../money/vat";

/**
 * Business reports over Berlin calendar days. Only jobs that ended in the period count
 * (by their end), with their stored per-job cost; totals are the sums of the stored
 * per-job values (vat.sumTotals), never recomputed. Corrections are listed by the month
 * they were booked in.
 */

export interface ReportJobRow {
  jobId: string;
  endedAt: Date;
  name: string;
  printerId: string;
  printerName: string;
  customer: string | null;
  orderReference: string | null;
  businessUse: boolean;
  status: string;
  printSeconds: number;
  insideBusinessSeconds: number;
  outsideBusinessSeconds: number;
  filamentGrams: number;
  energyKwh: Rational;
  /** Minutes of hand work and their net cents as booked in the job's cost (0 without labour). */
  labourMinutes: number;
  labourCents: number;
  cost: SummableTotals | null;
}

const treatmentSchema = z.enum(["vat", "kleinunternehmer", "private"]);

function parsedLines(lines: string): StoredLine[] {
  const parsed = z.array(storedLineSchema).safeParse(JSON.parse(lines));
  return parsed.success ? parsed.data : [];
}

function energyOf(lines: readonly StoredLine[]): Rational {
  return add(0, ...lines.filter((line) => line.kind === "energy").map((line) => parseDecimal(line.quantity)));
}

/** From the booked lines, not the job row: labour entered after a month close must not move its report. */
function labourOf(lines: readonly StoredLine[]): { minutes: number; cents: number } {
  const labour = lines.filter((line) => line.kind === "labour");
  const hours = labour.reduce((sum, line) => sum + Number(line.quantity), 0);
  return { minutes: Math.round(hours * 60), cents: labour.reduce((sum, line) => sum + line.netCents, 0) };
}

export async function reportJobRows(from: string, to: string, hours: BusinessHoursConfig = DEFAULT_BUSINESS_HOURS): Promise<ReportJobRow[]> {
  const range = rangeOfDays(from, to);
  const jobs = await db.job.findMany({
    where: { endedAt: { gte: range.start, lt: range.end }, status: { in: ["finished", "failed", "cancelled"] } },
    select: {
      id: true,
      name: true,
      printerId: true,
      status: true,
      startedAt: true,
      endedAt: true,
      filamentGrams: true,
      businessUse: true,
      customer: true,
      orderReference: true,
      printer: { select: { name: true } },
    },
    orderBy: [{ endedAt: "asc" }, { id: "asc" }],
  });
  const costs = await db.jobCost.findMany({ where: { jobId: { in: jobs.map((job) => job.id) } } });
  const costOf = new Map(costs.map((cost) => [cost.jobId, cost]));
  return jobs.flatMap((job) => {
    if (!job.endedAt) return [];
    const cost = costOf.get(job.id);
    const lines = cost ? parsedLines(cost.lines) : [];
    const labour = labourOf(lines);
    const split = splitByBusinessHours(job.startedAt, job.endedAt, hours);
    return [
      {
        jobId: job.id,
        endedAt: job.endedAt,
        name: job.name,
        printerId: job.printerId,
        printerName: job.printer.name,
        customer: job.customer,
        orderReference: job.orderReference,
        businessUse: job.businessUse,
        status: job.status,
        printSeconds: Math.round((job.endedAt.getTime() - job.startedAt.getTime()) / 1000),
        insideBusinessSeconds: Math.round(split.insideSeconds),
        outsideBusinessSeconds: Math.round(split.outsideSeconds),
        filamentGrams: job.filamentGrams ?? 0,
        energyKwh: energyOf(lines),
        labourMinutes: labour.minutes,
        labourCents: labour.cents,
        cost: cost
          ? {
              netCents: cost.netCents,
              vatCents: cost.vatCents,
              grossCents: cost.grossCents,
              vatRateBp: vatRateBpSchema.parse(cost.vatRateBp),
              treatment: treatmentSchema.parse(cost.treatment),
            }
          : null,
      },
    ];
  });
}

export const groupSchema = z.object({
  key: z.string(),
  label: z.string(),
  jobs: z.number().int(),
  unpricedJobs: z.number().int(),
  printHours: z.number(),
  insideBusinessHours: z.number(),
  outsideBusinessHours: z.number(),
  filamentKg: z.number(),
  energyKwh: z.number(),
  labourHours: z.number(),
  labourCents: z.number().int(),
  netCents: z.number().int(),
  vatCents: z.number().int(),
  grossCents: z.number().int(),
});
export type ReportGroup = z.infer<typeof groupSchema>;

const totalsGroupSchema = z.object({
  treatment: treatmentSchema,
  vatRateBp: z.number().int(),
  jobCount: z.number().int(),
  netCents: z.number().int(),
  vatCents: z.number().int(),
  grossCents: z.number().int(),
});

export const reportSummarySchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  timeZone: z.literal("Europe/Berlin"),
  total: groupSchema,
  vat: z.object({
    jobCount: z.number().int(),
    netCents: z.number().int(),
    vatCents: z.number().int(),
    grossCents: z.number().int(),
    groups: z.array(totalsGroupSchema),
  }),
  corrections: z.object({ count: z.number().int(), netCents: z.number().int(), vatCents: z.number().int(), grossCents: z.number().int() }),
  byMonth: z.array(groupSchema),
  byPrinter: z.array(groupSchema),
  byCustomer: z.array(groupSchema),
  byUse: z.array(groupSchema),
});
export type ReportSummary = z.infer<typeof reportSummarySchema>;

const hoursOf = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;

function groupOf(key: string, label: string, rows: readonly ReportJobRow[]): ReportGroup {
  const priced = rows.flatMap((row) => (row.cost ? [row.cost] : []));
  const totals = sumTotals(priced);
  const grams = rows.reduce((sum, row) => sum + row.filamentGrams, 0);
  return {
    key,
    label,
    jobs: rows.length,
    unpricedJobs: rows.length - priced.length,
    printHours: hoursOf(rows.reduce((sum, row) => sum + row.printSeconds, 0)),
    insideBusinessHours: hoursOf(rows.reduce((sum, row) => sum + row.insideBusinessSeconds, 0)),
    outsideBusinessHours: hoursOf(rows.reduce((sum, row) => sum + row.outsideBusinessSeconds, 0)),
    filamentKg: Math.round(grams) / 1000,
    energyKwh: Number(toDecimalString(add(0, ...rows.map((row) => row.energyKwh)), 3)),
    labourHours: Math.round((rows.reduce((sum, row) => sum + row.labourMinutes, 0) / 60) * 100) / 100,
    labourCents: rows.reduce((sum, row) => sum + row.labourCents, 0),
    netCents: totals.netCents,
    vatCents: totals.vatCents,
    grossCents: totals.grossCents,
  };
}

function groupBy(rows: readonly ReportJobRow[], keyOf: (row: ReportJobRow) => [string, string]): ReportGroup[] {
  const groups = new Map<string, { label: string; rows: ReportJobRow[] }>();
  for (const row of rows) {
    const [key, label] = keyOf(row);
    const group = groups.get(key) ?? { label, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.entries()].map(([key, group]) => groupOf(key, group.label, group.rows));
}

function monthKey(date: Date): string {
  const { year, month } = berlinMonthOf(date);
  return `${year}-${String(month).padStart(2, "0")}`;
}

export async function reportSummary(from: string, to: string): Promise<ReportSummary> {
  const rows = await reportJobRows(from, to);
  const vat: ReportTotals = sumTotals(rows.flatMap((row) => (row.cost ? [row.cost] : [])));
  const range = rangeOfDays(from, to);
  const corrections = await db.jobCostCorrection.findMany({ where: { createdAt: { gte: range.start, lt: range.end } } });
  const sum = (key: "deltaNetCents" | "deltaVatCents" | "deltaGrossCents") => corrections.reduce((total, row) => total + row[key], 0);
  return {
    from,
    to,
    timeZone: "Europe/Berlin",
    total: groupOf("total", "total", rows),
    vat,
    corrections: { count: corrections.length, netCents: sum("deltaNetCents"), vatCents: sum("deltaVatCents"), grossCents: sum("deltaGrossCents") },
    byMonth: groupBy(rows, (row) => [monthKey(row.endedAt), monthKey(row.endedAt)]),
    byPrinter: groupBy(rows, (row) => [row.printerId, row.printerName]),
    byCustomer: groupBy(rows, (row) => [row.customer ?? "", row.customer ?? ""]),
    byUse: groupBy(rows, (row) => (row.businessUse ? ["business", "business"] : ["private", "private"])),
  };
}

