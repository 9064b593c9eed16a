import { SHOP_TIME_ZONE } from "./zone";

type DateInput = Date | string | number;

function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}

function parts(locale: string, date: Date, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of new Intl.DateTimeFormat(locale, { timeZone: SHOP_TIME_ZONE, ...options }).formatToParts(date)) {
    out[part.type] = part.value;
  }
  return out;
}

/** "25.11.2026 14:03" in German, "25 Nov 2026, 14:03" in English (24-hour clock: a shop floor reads it at a glance). */
export function formatDateTime(locale: string, value: DateInput): string {
  const date = toDate(value);
  if (locale === "de") {
    const p = parts(locale, date, { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
  }
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: SHOP_TIME_ZONE,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/** "14:03" */
export function formatTime(locale: string, value: DateInput, seconds = false): string {
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    timeZone: SHOP_TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds ? { second: "2-digit" } : {}),
  }).format(toDate(value));
}

/**
 * Date and time in the locale's own styles ("07.12.26, 09:00:05" for short and medium in
 * German), for records where the reader may need the seconds or the month's name.
 */
export function formatDateTimeStyled(
  locale: string,
  value: DateInput,
  dateStyle: "short" | "medium" | "long",
  timeStyle: "short" | "medium",
): string {
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", { timeZone: SHOP_TIME_ZONE, dateStyle, timeStyle }).format(toDate(value));
}

/** "25.11.2026" */
export function formatDate(locale: string, value: DateInput): string {
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    timeZone: SHOP_TIME_ZONE,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(toDate(value));
}

/** The Berlin calendar day of an instant as YYYY-MM-DD. */
export function berlinDay(value: DateInput): string {
  const p = parts("en-CA", toDate(value), { year: "numeric", month: "2-digit", day: "2-digit" });
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * When a print will end, as Berlin wall-clock time: "14:03" today, "Do. 14:03" on
 * another day within a week, the full date beyond.
 */
export function formatEta(locale: string, now: Date, remainingSeconds: number): string {
  const eta = new Date(now.getTime() + remainingSeconds * 1000);
  if (berlinDay(eta) === berlinDay(now)) return formatTime(locale, eta);
  if (remainingSeconds < 6 * 86_400) {
    const weekday = new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", { timeZone: SHOP_TIME_ZONE, weekday: "short" }).format(eta);
    return `${weekday} ${formatTime(locale, eta)}`;
  }
  return formatDateTime(locale, eta);
}

/**
 * The UTC instant at which a Berlin calendar day starts (DST-safe: the offset is read
 * from Intl for that very day, not assumed).
 */
export function berlinDayStart(day: string): Date {
  const guess = new Date(`${day}T00:00:00Z`);
  const p = parts("en-US", guess, { hour: "2-digit", hourCycle: "h23", day: "2-digit" });
  const berlinHour = Number(p.hour);
  const sameDay = berlinDay(guess) === day;
  const offsetHours = sameDay ? berlinHour : berlinHour - 24;
  return new Date(guess.getTime() - offsetHours * 3_600_000);
}
