import { z } from "zod";
import type { AlertView } from "@/lib/alerts/schemas";

/**
 * The alerts API's answer as the browser parses it. lib/alerts/schemas cannot be
 * bundled for the browser (its settings schema pulls in the database module), so the
 * wire shape is repeated here; the annotation makes the compiler hold both in step.
 */
export const alertWireSchema: z.ZodType<AlertView> = z.object({
  id: z.string(),
  printerId: z.string().nullable(),
  printerName: z.string().nullable(),
  type: z.string(),
  messageKey: z.string(),
  severity: z.enum(["info", "warning", "critical"]),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedById: z.string().nullable(),
});

export const alertListWireSchema = z.object({
  alerts: z.array(alertWireSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
