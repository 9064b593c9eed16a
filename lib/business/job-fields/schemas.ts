import { z } from "zod";

/** Wire formats of a job's business fields; no database access, so client components can use them. */

export const jobBusinessPatchSchema = z.strictObject({
  businessUse: z.boolean().optional(),
  customer: z.string().trim().max(200).nullable().optional(),
  orderReference: z.string().trim().max(100).nullable().optional(),
  /** Hand work on the job in whole minutes, priced at the labour rate of the job's day; null removes it. */
  labourMinutes: z.number().int().min(0).max(10_000).nullable().optional(),
  /** The shop's own note on the job; changeable after the month close (it is not booked). null removes it. */
  note: z.string().trim().max(2000).nullable().optional(),
});
export type JobBusinessPatch = z.infer<typeof jobBusinessPatchSchema>;

export const jobBusinessViewSchema = z.object({
  jobId: z.string(),
  businessUse: z.boolean(),
  customer: z.string().nullable(),
  orderReference: z.string().nullable(),
  labourMinutes: z.number().int().nullable(),
  note: z.string().nullable(),
  cost: z
    .object({ netCents: z.number().int(), vatCents: z.number().int(), grossCents: z.number().int(), vatRateBp: z.number().int(), treatment: z.string() })
    .nullable(),
  correctionId: z.number().int().nullable(),
});
export type JobBusinessView = z.infer<typeof jobBusinessViewSchema>;
