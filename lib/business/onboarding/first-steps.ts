import { z } from "zod";
import { someChannelRouted } from "@/lib/alerts/notification-channels";
import { loadAlertSettings } from "@/lib/alerts/settings";
import { readBackupState } from "@/lib/backup/state";
import { db } from "@/lib/db";
import { LEGAL_CONTENT_KEY, legalContentSchema } from "@/lib/compliance/legal-content";
import { businessProfileComplete } from "../profile/profile";
import { readSetting, writeSetting } from "../settings/settings";

/**
 * The admin's first steps after setup. Each step's "done" comes from the data it is
 * about, so the list stays true whoever did the work; only hiding it is remembered,
 * per admin.
 */
export const firstStepKeys = ["business", "legal", "printer", "prices", "notifications", "backups"] as const;
export type FirstStepKey = (typeof firstStepKeys)[number];

/** Where each step is done. */
export const firstStepHref: Record<FirstStepKey, string> = {
  business: "/settings/business#details",
  legal: "/settings/business#legal",
  printer: "/printers/new",
  prices: "/settings/business#rates",
  notifications: "/settings/notifications",
  backups: "/settings/backups",
};

export interface FirstStepFacts {
  /** Name, address, e-mail and a USt-IdNr. or Steuernummer are filled (lib/business/profile). */
  businessDetailsComplete: boolean;
  impressumSaved: boolean;
  datenschutzSaved: boolean;
  printers: number;
  rates: number;
  notificationsRouted: boolean;
  backupSucceeded: boolean;
}

export interface FirstStep {
  key: FirstStepKey;
  href: string;
  done: boolean;
}

export function firstSteps(facts: FirstStepFacts): FirstStep[] {
  const done: Record<FirstStepKey, boolean> = {
    business: facts.businessDetailsComplete,
    legal: facts.impressumSaved && facts.datenschutzSaved,
    printer: facts.printers > 0,
    prices: facts.rates > 0,
    notifications: facts.notificationsRouted,
    backups: facts.backupSucceeded,
  };
  return firstStepKeys.map((key) => ({ key, href: firstStepHref[key], done: done[key] }));
}

const dismissedKey = (userId: string) => `firstSteps.dismissed.${userId}`;
const dismissedSchema = z.object({ dismissed: z.boolean().default(false) });

async function facts(): Promise<FirstStepFacts> {
  const [business, legal, printers, rates, alerts, backup] = await Promise.all([
    businessProfileComplete(),
    readSetting(LEGAL_CONTENT_KEY, legalContentSchema),
    db.printer.count({ where: { deletedAt: null } }),
    db.businessRate.count(),
    loadAlertSettings(),
    readBackupState(),
  ]);
  return {
    businessDetailsComplete: business,
    impressumSaved: legal.impressum !== null,
    datenschutzSaved: legal.datenschutz !== null,
    printers,
    rates,
    notificationsRouted: await someChannelRouted(alerts),
    backupSucceeded: backup.lastSuccess !== null,
  };
}

/** The admin's checklist, or null once they hid it or every step is done. */
export async function openFirstSteps(userId: string): Promise<FirstStep[] | null> {
  const { dismissed } = await readSetting(dismissedKey(userId), dismissedSchema);
  if (dismissed) return null;
  const steps = firstSteps(await facts());
  return steps.every((s) => s.done) ? null : steps;
}

export async function dismissFirstSteps(userId: string): Promise<void> {
  await writeSetting(dismissedKey(userId), { dismissed: true });
}
