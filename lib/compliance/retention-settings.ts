import type { z } from "zod";
import { readSetting, writeSetting } from "@/lib/business/settings/settings";
import { RETENTION_SETTINGS_KEY, retentionSettingsSchema, type retentionSettingsPatchSchema, type RetentionSettings } from "./retention-schemas";

export * from "./retention-schemas";

export function readRetentionSettings(): Promise<RetentionSettings> {
  return readSetting(RETENTION_SETTINGS_KEY, retentionSettingsSchema);
}

export async function updateRetentionSettings(patch: z.infer<typeof retentionSettingsPatchSchema>): Promise<RetentionSettings> {
  const next = retentionSettingsSchema.parse({ ...(await readRetentionSettings()), ...patch });
  await writeSetting(RETENTION_SETTINGS_KEY, next);
  return next;
}
