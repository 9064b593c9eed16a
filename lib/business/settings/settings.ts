import { z } from "zod";
import { db } from "@/lib/db";
import { businessHoursConfigSchema, DEFAULT_BUSINESS_HOURS } from "../calendar";

/**
 * Business settings that are not dated prices: stock alert threshold, the price of
 * filament from no known spool and the business hours (reports, held notifications).
 * Stored in the Setting row "business.settings".
 */

export const BUSINESS_SETTINGS_KEY = "business.settings";

export const businessSettingsSchema = z.object({
  /** A spool at or below this many grams raises a low-stock alert. */
  lowStockGrams: z.number().int().min(0).max(100_000).default(150),
  /** Net cents per kg for filament of a job when no spool is assigned to its slot. */
  fallbackMaterialCentsPerKg: z.number().int().min(0).max(1_000_000).default(2500),
  /** Opening hours in Berlin time; non-urgent notifications wait for the next opening. */
  businessHours: businessHoursConfigSchema.default(DEFAULT_BUSINESS_HOURS),
});
export type BusinessSettings = z.infer<typeof businessSettingsSchema>;

export const businessSettingsPatchSchema = z.strictObject({
  lowStockGrams: z.number().int().min(0).max(100_000).optional(),
  fallbackMaterialCentsPerKg: z.number().int().min(0).max(1_000_000).optional(),
  businessHours: businessHoursConfigSchema.optional(),
});
export type BusinessSettingsPatch = z.infer<typeof businessSettingsPatchSchema>;

/** A JSON Setting row parsed with its schema; a broken row falls back to the defaults. */
export async function readSetting<S extends z.ZodType>(key: string, schema: S): Promise<z.output<S>> {
  const row = await db.setting.findUnique({ where: { key } });
  let stored: unknown = {};
  try {
    stored = row ? JSON.parse(row.value) : {};
  } catch {
    stored = {};
  }
  const parsed = schema.safeParse(stored);
  return parsed.success ? parsed.data : schema.parse({});
}

export async function writeSetting(key: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value);
  await db.setting.upsert({ where: { key }, create: { key, value: text }, update: { value: text } });
}

export function readBusinessSettings(): Promise<BusinessSettings> {
  return readSetting(BUSINESS_SETTINGS_KEY, businessSettingsSchema);
}

export async function updateBusinessSettings(patch: BusinessSettingsPatch): Promise<BusinessSettings> {
  const next = businessSettingsSchema.parse({ ...(await readBusinessSettings()), ...patch });
  await writeSetting(BUSINESS_SETTINGS_KEY, next);
  return next;
}
