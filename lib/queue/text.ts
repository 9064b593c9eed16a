import { createTranslator } from "next-intl";
import dePrinterErrors from "@/messages/de/printerErrors.json";
import deQueue from "@/messages/de/queue.json";
import enPrinterErrors from "@/messages/en/printerErrors.json";
import enQueue from "@/messages/en/queue.json";

export type QueueLocale = "de" | "en";

/** The user's stored locale, German (the default locale) when none or an unknown one. */
export function queueLocaleOf(locale: string | null | undefined): QueueLocale {
  return locale === "en" ? "en" : "de";
}

/**
 * The language the request asks for (Accept-Language: the page's language from the app, or
 * an API client's own), else the user's stored locale. Only the first tag counts: the app
 * sends exactly one, and a browser's list starts with its preferred language.
 */
export function requestQueueLocale(headers: Headers, stored: string | null | undefined): QueueLocale {
  const first = headers.get("accept-language")?.split(",")[0]?.split(";")[0]?.trim().toLowerCase().slice(0, 2);
  return first === "de" || first === "en" ? first : queueLocaleOf(stored);
}

export type QueueTranslate = (key: string, values?: Record<string, string | number>) => string;

/**
 * The "queue" messages outside a page: fit reasons and failures in the caller's language
 * (the API answers them as text, and alerts name them). A `detail` value that is a key
 * under "printerErrors" (what the worker records from a refused upload or start) is
 * replaced by its text; any other key by the general "command failed" text, so no raw key
 * reaches a person.
 */
export function queueTranslator(locale: QueueLocale): QueueTranslate {
  const t = createTranslator({ locale, messages: { queue: locale === "de" ? deQueue : enQueue }, namespace: "queue" });
  const errors = createTranslator({ locale, messages: { printerErrors: locale === "de" ? dePrinterErrors : enPrinterErrors }, namespace: "printerErrors" });
  return (key, values = {}) => {
    const detail = values.detail;
    const known = (key: string) => errors.has(key as never);
    const resolved = typeof detail === "string" && detail !== "" ? { ...values, detail: errors((known(detail) ? detail : "command.failed") as never) } : values;
    return t.has(key as never) ? t(key as never, resolved as never) : key;
  };
}
