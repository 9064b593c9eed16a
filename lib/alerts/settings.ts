import { z } from "zod";
import { db } from "@/lib/db";
import { printerKinds } from "@/lib/printers/registry";
import { alertTypes } from "./types";

/**
 * Alert limits and who hears about which alert. Defaults come from the environment, the
 * Setting row "alerts.settings" (edited through the API and the notifications page)
 * overrides them; `kinds` overrides single limits for one printer kind. The channels
 * themselves (webhook, e-mail, ntfy) are in lib/alerts/notification-channels.ts; the
 * `notify` lists here route the environment's channels while no channel is saved.
 */

const limitsShape = {
  nozzleMaxC: z.number().min(50).max(600),
  bedMaxC: z.number().min(30).max(200),
  overTargetC: z.number().min(1).max(200),
  targetSettleSeconds: z.number().int().min(0).max(3600),
  heatingToleranceC: z.number().min(0).max(50),
  heatingTimeoutSeconds: z.number().int().min(10).max(7200),
  offlineGraceSeconds: z.number().int().min(0).max(3600),
};
export const limitNames = Object.keys(limitsShape) as (keyof typeof limitsShape)[];
export const kindLimitsSchema = z.strictObject(limitsShape).partial();
export type KindLimits = z.infer<typeof kindLimitsSchema>;
const kindsSchema = z.partialRecord(z.enum(printerKinds), kindLimitsSchema);

export const SETTINGS_KEY = "alerts.settings";

const typeList = z.array(z.enum(alertTypes));

export const alertSettingsSchema = z.object({
  /** Above this a nozzle is overheating, whatever its target. */
  nozzleMaxC: z.number().min(50).max(600).default(300),
  bedMaxC: z.number().min(30).max(200).default(120),
  /** A heater this far above a target it has held for targetSettleSeconds is overheating. */
  overTargetC: z.number().min(1).max(200).default(20),
  /** Lowering a target leaves the heater above it while it cools: not an overheat. */
  targetSettleSeconds: z.number().int().min(0).max(3600).default(90),
  /** A heater still this far below its target after heatingTimeoutSeconds raises heating_timeout. */
  heatingToleranceC: z.number().min(0).max(50).default(5),
  heatingTimeoutSeconds: z.number().int().min(10).max(7200).default(900),
  /** How long a printer must be gone while a job runs before offline_while_printing. */
  offlineGraceSeconds: z.number().int().min(0).max(3600).default(60),
  /** Limits of one printer kind that differ from the ones above. */
  kinds: kindsSchema.default({}),
  notify: z
    .object({
      webhook: typeList.default([]),
      email: typeList.default([]),
      emailTo: z.array(z.email()).max(20).default([]),
    })
    .prefault({}),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

export const alertSettingsPatchSchema = z.strictObject({
  nozzleMaxC: z.number().min(50).max(600).optional(),
  bedMaxC: z.number().min(30).max(200).optional(),
  overTargetC: z.number().min(1).max(200).optional(),
  targetSettleSeconds: z.number().int().min(0).max(3600).optional(),
  heatingToleranceC: z.number().min(0).max(50).optional(),
  heatingTimeoutSeconds: z.number().int().min(10).max(7200).optional(),
  offlineGraceSeconds: z.number().int().min(0).max(3600).optional(),
  /** Replaces the stored overrides of each kind named (an empty object clears them). */
  kinds: kindsSchema.optional(),
  notify: z
    .strictObject({ webhook: typeList.optional(), email: typeList.optional(), emailTo: z.array(z.email()).max(20).optional() })
    .optional(),
});
export type AlertSettingsPatch = z.infer<typeof alertSettingsPatchSchema>;

const envSchema = z.object({
  PRINTERNIZER_ALERT_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  PRINTERNIZER_ALERT_WEBHOOK_TYPES: z.string().optional(),
  PRINTERNIZER_SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  PRINTERNIZER_ALERT_EMAIL_FROM: z.string().optional(),
  PRINTERNIZER_ALERT_EMAIL_TO: z.string().optional(),
  PRINTERNIZER_ALERT_EMAIL_TYPES: z.string().optional(),
  PRINTERNIZER_ALERT_LOCALE: z.enum(["de", "en"]).default("de"),
});

export interface AlertTransports {
  webhookUrl: string | null;
  smtpUrl: string | null;
  emailFrom: string;
  locale: "de" | "en";
}

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function typesFrom(value: string | undefined): string[] {
  const items = list(value);
  return items.includes("all") ? [...alertTypes] : items;
}

export function alertTransports(env: Record<string, string | undefined> = process.env): AlertTransports {
  const parsed = envSchema.parse(env);
  return {
    webhookUrl: parsed.PRINTERNIZER_ALERT_WEBHOOK_URL ?? null,
    smtpUrl: parsed.PRINTERNIZER_SMTP_URL ?? null,
    emailFrom: parsed.PRINTERNIZER_ALERT_EMAIL_FROM ?? "Printernizer <printernizer@localhost>",
    locale: parsed.PRINTERNIZER_ALERT_LOCALE,
  };
}

/** Defaults from the environment (types as comma lists, "all" for every type). */
export function envAlertSettings(env: NodeJS.ProcessEnv = process.env): AlertSettings {
  return alertSettingsSchema.parse({
    notify: {
      webhook: typesFrom(env.PRINTERNIZER_ALERT_WEBHOOK_TYPES),
      email: typesFrom(env.PRINTERNIZER_ALERT_EMAIL_TYPES),
      emailTo: list(env.PRINTERNIZER_ALERT_EMAIL_TO),
    },
  });
}

export function mergeSettings(base: AlertSettings, patch: AlertSettingsPatch): AlertSettings {
  return alertSettingsSchema.parse({ ...base, ...patch, kinds: { ...base.kinds, ...patch.kinds }, notify: { ...base.notify, ...patch.notify } });
}

/** The settings a printer of this kind is watched with: the kind's overrides over the general limits. */
export function limitsFor(settings: AlertSettings, kind: string): AlertSettings {
  const own = (settings.kinds as Partial<Record<string, KindLimits>>)[kind];
  return own ? { ...settings, ...own } : settings;
}

export async function loadAlertSettings(): Promise<AlertSettings> {
  const base = envAlertSettings();
  const row = await db.setting.findUnique({ where: { key: SETTINGS_KEY } });
  if (!row) return base;
  const stored = alertSettingsPatchSchema.safeParse(JSON.parse(row.value));
  return stored.success ? mergeSettings(base, stored.data) : base;
}

/** Stores the patch over what was stored before (env defaults stay underneath). */
export async function saveAlertSettings(patch: AlertSettingsPatch): Promise<AlertSettings> {
  const row = await db.setting.findUnique({ where: { key: SETTINGS_KEY } });
  const previous = row ? alertSettingsPatchSchema.safeParse(JSON.parse(row.value)) : null;
  const before = previous?.success ? previous.data : {};
  const stored: AlertSettingsPatch = { ...before, ...patch, kinds: { ...before.kinds, ...patch.kinds }, notify: { ...before.notify, ...patch.notify } };
  const value = JSON.stringify(alertSettingsPatchSchema.parse(stored));
  await db.setting.upsert({ where: { key: SETTINGS_KEY }, create: { key: SETTINGS_KEY, value }, update: { value } });
  return mergeSettings(envAlertSettings(), stored);
}
