import { apiError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { berlinMonthOf, type BerlinMonth } from "../calendar";

/**
 * GoBD: once a Berlin month is closed, the job costs booked in it are final. A later
 * change becomes a JobCostCorrection in the month that is open when it is made.
 */

export async function isMonthClosed(month: BerlinMonth): Promise<boolean> {
  return (await db.monthClose.count({ where: { year: month.year, month: month.month } })) > 0;
}

export async function listClosedMonths(): Promise<{ year: number; month: number; closedAt: string; closedById: string | null }[]> {
  const rows = await db.monthClose.findMany({ orderBy: [{ year: "desc" }, { month: "desc" }] });
  return rows.map((row) => ({ year: row.year, month: row.month, closedAt: row.closedAt.toISOString(), closedById: row.closedById }));
}

/** Closes a month that has ended; closing twice or closing the current month is refused. */
export async function closeMonth(month: BerlinMonth, closedById: string | null, now = new Date()): Promise<void> {
  const current = berlinMonthOf(now);
  if (month.year * 12 + month.month >= current.year * 12 + current.month) throw apiError("conflict", { reason: "month_not_over" });
  if (await isMonthClosed(month)) throw apiError("conflict", { reason: "month_closed" });
  await db.monthClose.create({ data: { year: month.year, month: month.month, closedById } });
}

/** The month a correction made now is booked in: the current one, or the next open one after it. */
export async function bookingMonth(now = new Date()): Promise<BerlinMonth> {
  let month = berlinMonthOf(now);
  while (await isMonthClosed(month)) month = month.month === 12 ? { year: month.year + 1, month: 1 } : { year: month.year, month: month.month + 1 };
  return month;
}
