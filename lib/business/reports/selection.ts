import { berlinDateOf } from "../calendar";

/** Which period a reports page shows, from its search parameters; defaults to the current Berlin month. */

export type PeriodKind = "month" | "quarter" | "year";

export interface ReportSelection {
  kind: PeriodKind;
  year: number;
  /** Month 1-12 or quarter 1-4; 0 for a year. */
  part: number;
  from: string;
  to: string;
}

const pad = (value: number) => String(value).padStart(2, "0");

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function selectionOf(kind: PeriodKind, year: number, part: number): ReportSelection {
  if (kind === "year") return { kind, year, part: 0, from: `${year}-01-01`, to: `${year}-12-31` };
  const firstMonth = kind === "month" ? part : (part - 1) * 3 + 1;
  const finalMonth = kind === "month" ? part : firstMonth + 2;
  return {
    kind,
    year,
    part,
    from: `${year}-${pad(firstMonth)}-01`,
    to: `${year}-${pad(finalMonth)}-${pad(lastDay(year, finalMonth))}`,
  };
}

function intIn(value: unknown, min: number, max: number): number | null {
  const number = typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isInteger(number) && number >= min && number <= max ? number : null;
}

export function parseSelection(params: Record<string, string | string[] | undefined>, now = new Date()): ReportSelection {
  const today = berlinDateOf(now);
  const kind: PeriodKind = params.period === "quarter" || params.period === "year" ? params.period : "month";
  const year = intIn(params.year, 2000, 2200) ?? today.year;
  const defaultPart = kind === "quarter" ? Math.floor((today.month - 1) / 3) + 1 : today.month;
  const part = kind === "year" ? 0 : (intIn(params.part, 1, kind === "quarter" ? 4 : 12) ?? defaultPart);
  return selectionOf(kind, year, part);
}
