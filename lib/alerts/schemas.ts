import { z } from "zod";
import { alertSettingsSchema } from "./settings";
import { alertSeverities } from "./types";

/** Wire formats of the alerts API. */

export const alertSchema = z.object({
  id: z.string(),
  printerId: z.string().nullable(),
  printerName: z.string().nullable(),
  type: z.string(),
  /** Localize with this key and `params` (messages namespace "alerts"). */
  messageKey: z.string(),
  severity: z.enum(alertSeverities),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  createdAt: z.iso.datetime(),
  /** Set when the condition ended; open alerts have null. */
  resolvedAt: z.iso.datetime().nullable(),
  acknowledgedAt: z.iso.datetime().nullable(),
  acknowledgedById: z.string().nullable(),
});
export type AlertView = z.infer<typeof alertSchema>;

export const alertListQuerySchema = z.object({
  /** open: condition still present; past: resolved. Both when omitted. */
  status: z.enum(["open", "past"]).optional(),
  printerId: z.string().min(1).max(64).optional(),
  unacknowledged: z
    .enum(["0", "1"])
    .transform((v) => v === "1")
    .optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;

export const alertListSchema = z.object({
  alerts: z.array(alertSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const alertIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

export const alertSettingsViewSchema = alertSettingsSchema.extend({
  transports: z.object({ webhook: z.boolean(), email: z.boolean() }),
});
