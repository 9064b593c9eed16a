import { formatDate } from "./date";

/**
 * Report periods for people: "März 2026" / "March 2026" for a calendar month, "Q1 2026"
 * for a quarter, "2026" for a year, otherwise the two days ("01.03.2026 – 31.03.2026").
 * Inputs are Berlin calendar days as YYYY-MM-DD (what reports are selected by).
 */

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function civil(day: string): { year: number; month: number; day: number } {
  const match = dayPattern.exec(day);
  if (!match) throw new RangeError(`not a day YYYY-MM-DD: "${day}"`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Noon UTC is the same calendar day in Berlin in every season. */
function noonOf(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

/** "März 2026", "March 2026"; `month` as YYYY-MM. */
export function formatMonth(locale: string, month: string): string {
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", { timeZone: "UTC", month: "long", year: "numeric" }).format(noonOf(`${month}-01`));
}

export function formatPeriod(locale: string, from: string, to: string): string {
  const start = civil(from);
  const end = civil(to);
  const wholeMonths = start.day === 1 && start.year === end.year && end.day === lastDayOf(end.year, end.month);
  if (wholeMonths && start.month === end.month) return formatMonth(locale, from.slice(0, 7));
  if (wholeMonths && start.month % 3 === 1 && end.month === start.month + 2) return `Q${(start.month + 2) / 3} ${start.year}`;
  if (wholeMonths && start.month === 1 && end.month === 12) return String(start.year);
  return `${formatDate(locale, noonOf(from))} – ${formatDate(locale, noonOf(to))}`;
}
