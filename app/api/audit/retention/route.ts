import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { retentionGet, retentionUpdate } from "@/lib/compliance/api-routes";
import { readRetentionSettings, updateRetentionSettings } from "@/lib/compliance/retention-settings";

export const GET = withApi(async () => readRetentionSettings(), retentionGet);

export const PATCH = withApi(async ({ user, body, ip }) => {
  const settings = await updateRetentionSettings(body);
  await audit({ actor: actorOf(user), action: "retention.settings_changed", details: { ...settings }, ip });
  return settings;
}, retentionUpdate);
