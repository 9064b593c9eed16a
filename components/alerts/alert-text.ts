"use client";

import { useTranslations } from "next-intl";
import type { AlertView } from "@/lib/alerts/schemas";

/** The alert's title and message in the page's language, from its type and params (like lib/alerts/message for notifications). */
export function useAlertText(): (alert: Pick<AlertView, "type" | "params" | "printerName">) => { title: string; message: string } {
  const t = useTranslations("alerts");
  const tp = useTranslations("printerErrors");
  return (alert) => {
    const params = alert.params;
    const values: Record<string, string | number> = {
      printer: alert.printerName ?? "",
      heater: "",
      current: 0,
      target: 0,
      limit: 0,
      minutes: 0,
      job: "",
      code: "",
      ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "number" ? v : v === null ? "" : String(v)])),
      detail: typeof params.messageKey === "string" && tp.has(params.messageKey) ? tp(params.messageKey) : "",
    };
    const title = t.has(`titles.${alert.type}`) ? t(`titles.${alert.type}`) : alert.type;
    const message = t.has(alert.type) ? t(alert.type, values) : title;
    return { title, message };
  };
}
