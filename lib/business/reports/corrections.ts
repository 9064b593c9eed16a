import { z } from "zod";
import { db } from "@/lib/db";
import { vatRateBpSchema, type VatRateBp, type VatTreatment } from "../money/vat";
import { rangeOfDays } from "./period";

/**
 * Corrections of jobs in closed months, as bookings of the month they were made in
 * (their `createdAt`): the exports list them as their own lines, like the report's
 * corrections row, so the tax adviser's file agrees with the reports.
 */
export interface ReportCorrectionRow {
  id: number;
  jobId: string;
  bookedAt: Date;
  name: string;
  printerName: string;
  customer: string | null;
  orderReference: string | null;
  businessUse: boolean;
  reason: string;
  deltaNetCents: number;
  deltaVatCents: number;
  deltaGrossCents: number;
  vatRateBp: VatRateBp;
  treatment: VatTreatment;
}

const treatmentSchema = z.enum(["vat", "kleinunternehmer", "private"]);

export async function reportCorrectionRows(from: string, to: string): Promise<ReportCorrectionRow[]> {
  const range = rangeOfDays(from, to);
  const corrections = await db.jobCostCorrection.findMany({ where: { createdAt: { gte: range.start, lt: range.end } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const jobs = await db.job.findMany({
    where: { id: { in: [...new Set(corrections.map((row) => row.jobId))] } },
    select: { id: true, name: true, customer: true, orderReference: true, businessUse: true, printer: { select: { name: true } } },
  });
  const jobOf = new Map(jobs.map((job) => [job.id, job]));
  return corrections.map((row) => {
    const job = jobOf.get(row.jobId);
    return {
      id: row.id,
      jobId: row.jobId,
      bookedAt: row.createdAt,
      name: job?.name ?? "",
      printerName: job?.printer.name ?? "",
      customer: job?.customer ?? null,
      orderReference: job?.orderReference ?? null,
      businessUse: job?.businessUse ?? row.treatment !== "private",
      reason: row.reason,
      deltaNetCents: row.deltaNetCents,
      deltaVatCents: row.deltaVatCents,
      deltaGrossCents: row.deltaGrossCents,
      vatRateBp: vatRateBpSchema.parse(row.vatRateBp),
      treatment: treatmentSchema.parse(row.treatment),
    };
  });
}
