import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { settingsGet, settingsUpdate } from "@/lib/business/api-routes";
import { businessSettingsView, updateBusinessSettingsView } from "@/lib/business/settings/settings-view";

export const GET = withApi(async () => businessSettingsView(), settingsGet);

export const PATCH = withApi(async ({ user, body, ip }) => updateBusinessSettingsView(body, { actor: actorOf(user), ip }), settingsUpdate);
