import { createTranslator } from "next-intl";
import deAlerts from "@/messages/de/alerts.json";
import dePrinterErrors from "@/messages/de/printerErrors.json";
import enAlerts from "@/messages/en/alerts.json";
import enPrinterErrors from "@/messages/en/printerErrors.json";
import type { AlertParams } from "./types";

/**
 * Localized text of an alert for notifications (the web app localizes alerts itself
 * from their type and params). A printer error message key in the params becomes the
 * `detail` text.
 */

const catalogs = {
  de: { alerts: deAlerts, printerErrors: dePrinterErrors },
  en: { alerts: enAlerts, printerErrors: enPrinterErrors },
} as const;

export type NoticeLocale = keyof typeof catalogs;

export function alertText(locale: NoticeLocale, type: string, printerName: string, params: AlertParams): { subject: string; message: string } {
  const messages = catalogs[locale];
  const t = createTranslator({ locale, messages });
  const key = typeof params.messageKey === "string" ? params.messageKey : null;
  const detail = key && t.has(`printerErrors.${key}`) ? t(`printerErrors.${key}`) : "";
  const values = {
    printer: printerName,
    heater: "",
    current: "",
    target: "",
    limit: "",
    minutes: "",
    job: "",
    code: "",
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "number" ? v : v === null ? "" : String(v)])),
    detail,
  };
  const title = t.has(`alerts.titles.${type}`) ? t(`alerts.titles.${type}`) : type;
  const message = t.has(`alerts.${type}`) ? t(`alerts.${type}`, values) : `${printerName}: ${title}`;
  return { subject: t("alerts.subject", { title, printer: printerName }), message };
}
