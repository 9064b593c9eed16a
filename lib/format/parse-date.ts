import { numberLocaleOf, type ParseResult } from "./parse-number";

/**
 * Reads a calendar day as people type it: "07.12.2026" or "7.12.2026" in German,
 * "07/12/2026" in English (day first, as the app's English writes dates), and the
 * ISO form "2026-12-07" in both. The result is the ISO day "2026-12-07"; a day the
 * calendar lacks (31.02.2026) or a two-digit year is refused.
 */

const patterns = {
  de: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/,
  en: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/,
} as const;

const pad = (value: number, length = 2) => String(value).padStart(length, "0");

function isoOf(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day > last ? null : `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function parseDateInput(text: string, locale: string): ParseResult<string> {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, reason: "empty" };
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const local = patterns[numberLocaleOf(locale)].exec(trimmed);
  const value = iso ? isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3])) : local ? isoOf(Number(local[3]), Number(local[2]), Number(local[1])) : null;
  return value ? { ok: true, value } : { ok: false, reason: "invalid" };
}

/** An ISO day ("2026-12-07") as the locale writes it in a field: "07.12.2026", "07/12/2026". */
export function formatDateInput(isoDay: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!match) return isoDay;
  const [, year, month, day] = match;
  return numberLocaleOf(locale) === "en" ? `${day}/${month}/${year}` : `${day}.${month}.${year}`;
}

/** What a person should type, for placeholders and messages. */
export const dateInputExample = { de: "07.12.2026", en: "07/12/2026" } as const;
