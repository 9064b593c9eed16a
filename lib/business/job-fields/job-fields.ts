import { apiError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { applyJobCost, type ApplyOutcome } from "../costing/price-job";
import type { JobBusinessPatch, JobBusinessView } from "./schemas";
import { isMonthClosed } from "../costing/month-close";

/** The business side of a job: business or private, customer, order reference, labour minutes, note. */
export { jobBusinessPatchSchema, jobBusinessViewSchema, type JobBusinessPatch, type JobBusinessView } from "./schemas";

interface JobBusinessRow {
  id: string;
  businessUse: boolean;
  customer: string | null;
  orderReference: string | null;
  labourMinutes: number | null;
  note: string | null;
}

const rowColumns = { id: true, businessUse: true, customer: true, orderReference: true, labourMinutes: true, note: true } as const;

/** Changes that alter the price: the cost is recomputed (or corrected, once the month is closed). */
const repricingFields = ["businessUse", "labourMinutes"] as const;

function viewOf(job: JobBusinessRow, outcome: ApplyOutcome | null): JobBusinessView {
  const totals = outcome?.priced.totals;
  return {
    jobId: job.id,
    businessUse: job.businessUse,
    customer: job.customer,
    orderReference: job.orderReference,
    labourMinutes: job.labourMinutes,
    note: job.note,
    cost: totals ? { netCents: totals.netCents, vatCents: totals.vatCents, grossCents: totals.grossCents, vatRateBp: totals.vatRateBp, treatment: totals.treatment } : null,
    correctionId: outcome?.kind === "corrected" ? outcome.correctionId : null,
  };
}

/**
 * Customer and order reference of a job whose month is closed are part of its booked
 * record and are refused; switching business/private and changing the labour minutes
 * are allowed and book a correction (GoBD: the booked cost is never edited).
 */
export async function updateJobBusiness(jobId: string, patch: JobBusinessPatch, actorId: string | null): Promise<JobBusinessView> {
  const cost = await db.jobCost.findUnique({ where: { jobId }, select: { periodYear: true, periodMonth: true } });
  const closed = cost ? await isMonthClosed({ year: cost.periodYear, month: cost.periodMonth }) : false;
  if (closed && (patch.customer !== undefined || patch.orderReference !== undefined)) throw apiError("conflict", { reason: "month_closed" });
  if (!(await db.job.findUnique({ where: { id: jobId }, select: { id: true } }))) throw apiError("not_found");
  const job = await db.job.update({
    where: { id: jobId },
    data: patch,
    select: { ...rowColumns, endedAt: true },
  });
  const repriced = repricingFields.some((field) => patch[field] !== undefined);
  const outcome = job.endedAt && repriced ? await applyJobCost(jobId, { actorId, reason: "job.business_changed" }) : null;
  return viewOf(job, outcome);
}

export async function recomputeJobCost(jobId: string, actorId: string | null): Promise<JobBusinessView> {
  const job = await db.job.findUnique({ where: { id: jobId }, select: rowColumns });
  if (!job) throw apiError("not_found");
  return viewOf(job, await applyJobCost(jobId, { actorId, reason: "recompute" }));
}

/** The shop's note on a job, for the job page's business form. */
export async function jobNote(jobId: string): Promise<string | null> {
  return (await db.job.findUnique({ where: { id: jobId }, select: { note: true } }))?.note ?? null;
}
