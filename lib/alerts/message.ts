import { createTranslator } from "next-intl";
import deAlerts from "@/messages/de/alerts.json";
import dePrinterErrors from "@/messages/de/printerErrors.json";
import enAlerts from "@/messages/en/alerts.json";
import enPrinterErrors from "@/messages/en/printerErrors.json";
import deNotifications from "@/messages/de/notifications.json";
import enNotifications from "@/messages/en/notifications.json";
import { alertMessageValues } from "./placeholders";
import type { AlertParams, AlertType } from "./types";

/**
 * Localized text of an alert for notifications (the web app localizes alerts itself
 * from their type and params). A printer error message key in the params becomes the
 * `detail` text.
 */

const catalogs = {
  de: { alerts: deAlerts, printerErrors: dePrinterErrors, notifications: deNotifications },
  en: { alerts: enAlerts, printerErrors: enPrinterErrors, notifications: enNotifications },
} as const;

export type NoticeLocale = keyof typeof catalogs;

/** A printer error message by its dotted key ("bambu.failure.auth"); these have no placeholders. */
function printerErrorText(locale: NoticeLocale, key: string): string {
  let node: unknown = catalogs[locale].printerErrors;
  for (const part of key.split(".")) {
    node = typeof node === "object" && node !== null ? Reflect.get(node, part) : undefined;
  }
  return typeof node === "string" ? node : "";
}

/** `printerName` null for alerts about something else (a spool): the subject names no printer. */
export function alertText(locale: NoticeLocale, type: AlertType, printerName: string | null, params: AlertParams): { subject: string; message: string } {
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: "alerts" });
  const values = alertMessageValues(printerName, params, typeof params.messageKey === "string" ? printerErrorText(locale, params.messageKey) : "");
  const title = t(`titles.${type}`);
  const subject = printerName === null ? t("subjectGeneral", { title }) : t("subject", { title, printer: printerName });
  return { subject, message: t(type, values) };
}

/** The notice of a "Send test" on the notifications page. */
export function testNoticeText(locale: NoticeLocale): { subject: string; message: string } {
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: "notifications.testNotice" });
  return { subject: t("subject"), message: t("message") };
}
