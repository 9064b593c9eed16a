import { audit, type AuditActor } from "@/lib/audit/audit";
import { datevSettingsSchema, DATEV_SETTINGS_KEY, type DatevSettings } from "../exports/datev";
import { readBusinessSettings, readSetting, updateBusinessSettings, writeSetting, type BusinessSettings, type BusinessSettingsPatch } from "./settings";

export type BusinessSettingsView = BusinessSettings & { datev: DatevSettings };

export async function businessSettingsView(): Promise<BusinessSettingsView> {
  return { ...(await readBusinessSettings()), datev: await readSetting(DATEV_SETTINGS_KEY, datevSettingsSchema) };
}

export async function updateBusinessSettingsView(
  patch: BusinessSettingsPatch & { datev?: Partial<DatevSettings> },
  context: { actor: AuditActor; ip: string | null },
): Promise<BusinessSettingsView> {
  const { datev, ...rest } = patch;
  await updateBusinessSettings(rest);
  if (datev) {
    const current = await readSetting(DATEV_SETTINGS_KEY, datevSettingsSchema);
    await writeSetting(DATEV_SETTINGS_KEY, datevSettingsSchema.parse({ ...current, ...datev }));
  }
  await audit({ actor: context.actor, action: "business.settings_changed", details: { fields: Object.keys(patch) }, ip: context.ip });
  return businessSettingsView();
}
