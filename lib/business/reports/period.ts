import { z } from "zod";
import { addDays, berlinDayStart, type CivilDate, type InstantRange } from "../calendar";

/** A report's period: Berlin calendar days `from` to `to`, both included. */

const isoDay = z.iso.date();

export const reportRangeQuerySchema = z
  .object({ from: isoDay, to: isoDay })
  .refine((range) => range.from <= range.to, { message: "from must not be after to", path: ["to"] })
  .refine((range) => Date.parse(range.to) - Date.parse(range.from) <= 3 * 366 * 86_400_000, { message: "at most three years", path: ["to"] });
export type ReportRangeQuery = z.infer<typeof reportRangeQuerySchema>;

export function civilOf(isoDate: string): CivilDate {
  const [year, month, day] = isoDate.split("-").map(Number);
  return { year, month, day };
}

/** [00:00 Berlin of `from`, 00:00 Berlin of the day after `to`). */
export function rangeOfDays(from: string, to: string): InstantRange {
  return { start: berlinDayStart(civilOf(from)), end: berlinDayStart(addDays(civilOf(to), 1)) };
}
