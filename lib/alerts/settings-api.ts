import { audit, type AuditActor } from "@/lib/audit/audit";
import { alertTransports, loadAlertSettings, saveAlertSettings, type AlertSettings, type AlertSettingsPatch } from "./settings";

/** Alert settings as the API shows them: limits, opt-ins, and whether the transports exist (never their URLs). */

function view(settings: AlertSettings) {
  const transports = alertTransports();
  return { ...settings, transports: { webhook: transports.webhookUrl !== null, email: transports.smtpUrl !== null } };
}

export async function alertSettingsView() {
  return view(await loadAlertSettings());
}

export async function updateAlertSettings(patch: AlertSettingsPatch, ctx: { actor: AuditActor; ip?: string | null }) {
  const settings = await saveAlertSettings(patch);
  await audit({ actor: ctx.actor, ip: ctx.ip, action: "alerts.settings_updated", details: { fields: Object.keys(patch) } });
  return view(settings);
}
