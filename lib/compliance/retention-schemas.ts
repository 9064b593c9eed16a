import { z } from "zod";

/**
 * How long records are kept. Business records (finished jobs with their costs,
 * corrections, exports in the audit trail): 7 years by default. The statutory periods
 * are 6 years for business letters and 8 years for accounting vouchers
 * (Buchungsbelege, § 147 Abs. 3 AO since 2025) and 10 years for books, inventories and
 * annual statements (§ 257 HGB, § 147 AO, GoBD); each runs from the end of the calendar
 * year the record was made in. Set the years to what your tax adviser says applies.
 * Telemetry (temperatures, events, printer raw payloads, finished commands) has no
 * business value after a while and is purged after 90 days by default.
 */

export const RETENTION_SETTINGS_KEY = "compliance.retention";

export const retentionSettingsSchema = z.object({
  businessYears: z.number().int().min(6).max(30).default(7),
  telemetryDays: z.number().int().min(7).max(3650).default(90),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

export const retentionSettingsPatchSchema = z.strictObject({
  businessYears: z.number().int().min(6).max(30).optional(),
  telemetryDays: z.number().int().min(7).max(3650).optional(),
});
