import { z } from "zod";

/** Events of the jobs domain (listed in lib/catalog/events.ts). */
export const jobEventSchemas = {
  "job.started": z.object({
    jobId: z.string(),
    printerJobId: z.string().nullable(),
    name: z.string(),
    fileName: z.string().nullable(),
    startedAt: z.string(),
  }),
  "job.finished": z.object({
    jobId: z.string(),
    status: z.enum(["finished", "failed", "cancelled"]),
    errorCode: z.string().nullable(),
    durationSeconds: z.number().int().nullable(),
    endedAt: z.string(),
  }),
  /** An open job was paused or resumed (worker/printers/job-tracker.ts). */
  "job.state": z.object({ jobId: z.string(), status: z.enum(["paused", "resumed"]), at: z.string() }),
} as const;
