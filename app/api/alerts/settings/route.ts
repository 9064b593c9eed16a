import { withApi } from "@/lib/auth/with-api";
import { alertsSettingsGet, alertsSettingsUpdate } from "@/lib/alerts/api-routes";
import { alertSettingsView, updateAlertSettings } from "@/lib/alerts/settings-api";
import { actorOf } from "@/lib/auth/actor";

export const GET = withApi(async () => alertSettingsView(), alertsSettingsGet);

export const PATCH = withApi(
  async ({ user, body, ip }) => updateAlertSettings(body, { actor: actorOf(user), ip }),
  alertsSettingsUpdate,
);
