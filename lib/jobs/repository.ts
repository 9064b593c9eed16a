import { apiError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { jobStatuses, type JobStatus } from "./machine";
import type { JobDetailView, JobListQuery, JobView } from "./schemas";
import { buildTimeline } from "./timeline";

/** Jobs as the API reads them: newest first. The worker writes them (worker/printers/job-tracker.ts). */

const jobColumns = {
  id: true,
  printerId: true,
  printerJobId: true,
  name: true,
  fileName: true,
  status: true,
  progress: true,
  layer: true,
  totalLayers: true,
  startedAt: true,
  endedAt: true,
  durationSeconds: true,
  filamentGrams: true,
  errorCode: true,
  stopRequestedAt: true,
  businessUse: true,
  customer: true,
  orderReference: true,
  queueItemId: true,
  updatedAt: true,
  printer: { select: { name: true } },
} as const;

interface JobRow {
  id: string;
  printerId: string;
  printerJobId: string | null;
  name: string;
  fileName: string | null;
  status: string;
  progress: number;
  layer: number | null;
  totalLayers: number | null;
  startedAt: Date;
  endedAt: Date | null;
  durationSeconds: number | null;
  filamentGrams: number | null;
  errorCode: string | null;
  stopRequestedAt: Date | null;
  businessUse: boolean;
  customer: string | null;
  orderReference: string | null;
  queueItemId: string | null;
  updatedAt: Date;
  printer: { name: string };
}

function statusOf(value: string): JobStatus {
  const status = jobStatuses.find((s) => s === value);
  if (!status) throw new Error(`job has an unknown status ${value}`);
  return status;
}

export function toJobView(row: JobRow): JobView {
  return {
    id: row.id,
    printerId: row.printerId,
    printerName: row.printer.name,
    printerJobId: row.printerJobId,
    name: row.name,
    fileName: row.fileName,
    status: statusOf(row.status),
    progress: row.progress,
    layer: row.layer,
    totalLayers: row.totalLayers,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    durationSeconds: row.durationSeconds,
    filamentGrams: row.filamentGrams,
    errorCode: row.errorCode,
    stopRequestedAt: row.stopRequestedAt?.toISOString() ?? null,
    businessUse: row.businessUse,
    customer: row.customer,
    orderReference: row.orderReference,
    queueItemId: row.queueItemId,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A list query; sorting defaults to newest first, as the API's does. */
export type JobListOptions = Omit<JobListQuery, "sort" | "order"> & Partial<Pick<JobListQuery, "sort" | "order">>;

export async function listJobs(query: JobListOptions): Promise<{ jobs: JobView[]; total: number; page: number; pageSize: number }> {
  const where = {
    ...(query.printerId ? { printerId: query.printerId } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.use ? { businessUse: query.use === "business" } : {}),
    ...(query.customer ? { customer: { contains: query.customer } } : {}),
    ...(query.from || query.to
      ? { startedAt: { ...(query.from ? { gte: new Date(query.from) } : {}), ...(query.to ? { lt: new Date(query.to) } : {}) } }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.job.findMany({
      where,
      select: jobColumns,
      // The id breaks ties so pages never overlap or skip rows.
      orderBy: [{ [query.sort ?? "startedAt"]: query.order ?? "desc" }, { id: query.order ?? "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.job.count({ where }),
  ]);
  return { jobs: rows.map(toJobView), total, page: query.page, pageSize: query.pageSize };
}

export async function getJob(id: string): Promise<JobDetailView> {
  const row = await db.job.findUnique({
    where: { id },
    select: { ...jobColumns, stateChanges: { select: { status: true, at: true, errorCode: true }, orderBy: { at: "asc" } } },
  });
  if (!row) throw apiError("not_found");
  const job = toJobView(row);
  return { ...job, timeline: buildTimeline(job, row.stateChanges) };
}
