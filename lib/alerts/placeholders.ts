import type { AlertParams } from "./types";

/**
 * The values an alert's message is filled with, for notifications (lib/alerts/message.ts)
 * and the web app alike. Every placeholder an alert message uses has a neutral default, so
 * an alert raised with fewer params still renders; `detail` is the localized printer
 * error its `messageKey` param names.
 */
export function alertMessageValues(printerName: string | null, params: AlertParams, detail: string): Record<string, string | number> {
  return {
    printer: printerName ?? "",
    heater: "",
    current: 0,
    target: 0,
    limit: 0,
    minutes: 0,
    job: "",
    code: "",
    ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "number" ? v : v === null ? "" : String(v)])),
    detail,
  };
}
