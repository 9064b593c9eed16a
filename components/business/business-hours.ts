import { businessHoursConfigSchema, weekdayKeys, type BusinessHoursConfig } from "@/lib/business/calendar";

/**
 * The business-hours form's model: the stored config with the times as typed, their
 * normalization ("8" and "8.30" as people write them) and the schema's issues turned
 * into error codes keyed by the field they belong to.
 */

/** Messages of business.settings.hours.errors. */
export type HoursErrorCode = "time" | "order" | "overlap" | "neverOpen";

/** "mon.0.start" (a time), "mon.0" (a period), "mon" (a day) or "week". */
export type HoursErrors = Record<string, HoursErrorCode>;

/** "8", "8:30", "8.30", "0830" and "08:30" all mean 08:30; anything else is left as typed for the schema to refuse. */
export function normalizeClock(text: string): string {
  const trimmed = text.trim();
  const match = /^(\d{1,2})(?:[:.]?(\d{2}))?$/.exec(trimmed);
  if (!match) return trimmed;
  return `${match[1].padStart(2, "0")}:${match[2] ?? "00"}`;
}

export function normalizeHours(hours: BusinessHoursConfig): BusinessHoursConfig {
  const week = { ...hours.week };
  for (const day of weekdayKeys) week[day] = hours.week[day].map((period) => ({ start: normalizeClock(period.start), end: normalizeClock(period.end) }));
  return { week, closedOnHolidays: hours.closedOnHolidays };
}

function codeOf(path: readonly PropertyKey[]): { key: string; code: HoursErrorCode } {
  const [, day, period, field] = path.map(String);
  if (day === undefined) return { key: "week", code: "neverOpen" };
  if (period === undefined) return { key: day, code: "overlap" };
  if (field === undefined) return { key: `${day}.${period}`, code: "order" };
  return { key: `${day}.${period}.${field}`, code: "time" };
}

/** The hours as typed, checked with the API's own schema: no errors means the server accepts it. */
export function hoursErrors(hours: BusinessHoursConfig): HoursErrors {
  const result = businessHoursConfigSchema.safeParse(hours);
  if (result.success) return {};
  const errors: HoursErrors = {};
  for (const issue of result.error.issues) {
    const { key, code } = codeOf(issue.path);
    errors[key] ??= code;
  }
  return errors;
}
