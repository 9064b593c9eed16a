"use client";

import { useTranslations } from "next-intl";
import { alertMessageValues } from "@/lib/alerts/placeholders";
import type { AlertView } from "@/lib/alerts/schemas";

/** The alert's title and message in the page's language, from its type and params (like lib/alerts/message for notifications). */
export function useAlertText(): (alert: Pick<AlertView, "type" | "params" | "printerName">) => { title: string; message: string } {
  const t = useTranslations("alerts");
  const tp = useTranslations("printerErrors");
  return (alert) => {
    const { messageKey } = alert.params;
    const values = alertMessageValues(alert.printerName, alert.params, typeof messageKey === "string" && tp.has(messageKey) ? tp(messageKey) : "");
    const title = t.has(`titles.${alert.type}`) ? t(`titles.${alert.type}`) : alert.type;
    const message = t.has(alert.type) ? t(alert.type, values) : title;
    return { title, message };
  };
}
