import { z } from "zod";
import { apiError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { applyJobCost, type ApplyOutcome } from "./job-costing";
import { isMonthClosed } from "./month-close";

/** The business side of a job: business or private, customer, order reference. */

export const jobBusinessPatchSchema = z.strictObject({
  businessUse: z.boolean().optional(),
  customer: z.string().trim().max(200).nullable().optional(),
  orderReference: z.string().trim().max(100).nullable().optional(),
});
export type JobBusinessPatch = z.infer<typeof jobBusinessPatchSchema>;

export const jobBusinessViewSchema = z.object({
  jobId: z.string(),
  businessUse: z.boolean(),
  customer: z.string().nullable(),
  orderReference: z.string().nullable(),
  cost: z
    .object({ netCents: z.number().int(), vatCents: z.number().int(), grossCents: z.number().int(), vatRateBp: z.number().int(), treatment: z.string() })
    .nullable(),
  correctionId: z.number().int().nullable(),
});
export type JobBusinessView = z.infer<typeof jobBusinessViewSchema>;

function viewOf(job: { id: string; businessUse: boolean; customer: string | null; orderReference: string | null }, outcome: ApplyOutcome | null): JobBusinessView {
  const totals = outcome?.priced.totals;
  return {
    jobId: job.id,
    businessUse: job.businessUse,
    customer: job.customer,
    orderReference: job.orderReference,
    cost: totals ? { netCents: totals.netCents, vatCents: totals.vatCents, grossCents: totals.grossCents, vatRateBp: totals.vatRateBp, treatment: totals.treatment } : null,
    correctionId: outcome?.kind === "corrected" ? outcome.correctionId : null,
  };
}

/**
 * Customer and order reference of a job whose month is closed are part of its booked
 * record and are refused; switching business/private is allowed and books a correction.
 */
export async function updateJobBusiness(jobId: string, patch: JobBusinessPatch, actorId: string | null): Promise<JobBusinessView> {
  const cost = await db.jobCost.findUnique({ where: { jobId }, select: { periodYear: true, periodMonth: true } });
  const closed = cost ? await isMonthClosed({ year: cost.periodYear, month: cost.periodMonth }) : false;
  if (closed && (patch.customer !== undefined || patch.orderReference !== undefined)) throw apiError("conflict", { reason: "month_closed" });
  if (!(await db.job.findUnique({ where: { id: jobId }, select: { id: true } }))) throw apiError("not_found");
  const job = await db.job.update({
    where: { id: jobId },
    data: patch,
    select: { id: true, businessUse: true, customer: true, orderReference: true, endedAt: true },
  });
  const outcome = job.endedAt && patch.businessUse !== undefined ? await applyJobCost(jobId, { actorId, reason: "job.business_changed" }) : null;
  return viewOf(job, outcome);
}

export async function recomputeJobCost(jobId: string, actorId: string | null): Promise<JobBusinessView> {
  const job = await db.job.findUnique({ where: { id: jobId }, select: { id: true, businessUse: true, customer: true, orderReference: true } });
  if (!job) throw apiError("not_found");
  return viewOf(job, await applyJobCost(jobId, { actorId, reason: "recompute" }));
}
