import { z } from "zod";
import { jobStatuses } from "./machine";
import { timelineEntrySchema } from "./timeline";

/** Wire formats of the jobs API. */

export const jobSchema = z.object({
  id: z.string(),
  printerId: z.string(),
  printerName: z.string(),
  /** The printer's own id of the print. */
  printerJobId: z.string().nullable(),
  name: z.string(),
  /** The file on the printer's storage that was printed. */
  fileName: z.string().nullable(),
  status: z.enum(jobStatuses),
  /** 0-100 */
  progress: z.number(),
  layer: z.number().int().nullable(),
  totalLayers: z.number().int().nullable(),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  durationSeconds: z.number().int().nullable(),
  filamentGrams: z.number().nullable(),
  /** The printer's error code of a failed print ("0x0300400C", "HMS_…", "ERROR", "interrupted"). */
  errorCode: z.string().nullable(),
  stopRequestedAt: z.iso.datetime().nullable(),
  /** Business job (costed with VAT) or private (cost only). */
  businessUse: z.boolean(),
  customer: z.string().nullable(),
  orderReference: z.string().nullable(),
  /** The print queue item whose dispatch started this job. */
  queueItemId: z.string().nullable(),
  updatedAt: z.iso.datetime(),
});
export type JobView = z.infer<typeof jobSchema>;

/** One job with its timeline (state changes, oldest first). */
export const jobDetailSchema = jobSchema.extend({ timeline: z.array(timelineEntrySchema) });
export type JobDetailView = z.infer<typeof jobDetailSchema>;

/** Columns the job history can be sorted by (on the server). */
export const jobSortKeys = ["startedAt", "name", "status", "durationSeconds", "progress", "filamentGrams"] as const;
export type JobSortKey = (typeof jobSortKeys)[number];

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

export const jobListQuerySchema = z.object({
  printerId: z.string().min(1).max(64).optional(),
  status: z.enum(jobStatuses).optional(),
  /** Jobs that started at or after this instant (ISO date or date-time). */
  from: isoDate.optional(),
  /** Jobs that started before this instant. */
  to: isoDate.optional(),
  /** business: jobs for customers; private: the shop's own prints. */
  use: z.enum(["business", "private"]).optional(),
  /** Jobs whose customer contains this text. */
  customer: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(jobSortKeys).default("startedAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type JobListQuery = z.infer<typeof jobListQuerySchema>;

export const jobListSchema = z.object({
  jobs: z.array(jobSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const jobIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

/** The picture of the file a printer is printing now (lib/jobs/thumbnails.ts). */
export const currentThumbnailSchema = z.object({
  printerId: z.string(),
  /** The file as the printer reports it; a client shows the picture only while the printer still reports this file. */
  fileName: z.string(),
  thumbnailUrl: z.string().nullable(),
});
export type CurrentThumbnail = z.infer<typeof currentThumbnailSchema>;

export const currentThumbnailsSchema = z.object({ thumbnails: z.array(currentThumbnailSchema) });

export const currentThumbnailsQuerySchema = z.object({ printerId: z.string().min(1).max(64).optional() });
