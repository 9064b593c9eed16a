import { z } from "zod";
import { SHOP_TIME_ZONE } from "@/lib/format/zone";

/**
 * The shop's one calendar: Europe/Berlin wall-clock time, Baden-Württemberg public
 * holidays and business hours. Instants are JS Dates (UTC); every "which day / month /
 * hour is this" question is answered in Berlin time through Intl, so a job that ends
 * at 23:30 on 31 March in Berlin (21:30 UTC) belongs to March.
 */

/** A calendar day without a time zone; month 1-12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export interface WallClock extends CivilDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export interface InstantRange {
  /** Inclusive. */
  start: Date;
  /** Exclusive. */
  end: Date;
}

const DAY_MS = 86_400_000;

function assertValidDate(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("invalid Date");
  return ms;
}

/** Civil fields read as if they were UTC; `Date.UTC` maps years 0-99 to 19xx, so set the year separately. */
function civilToUtcMs(wall: CivilDate & Partial<WallClock>): number {
  const date = new Date(Date.UTC(2000, 0, 1, wall.hour ?? 0, wall.minute ?? 0, wall.second ?? 0, wall.millisecond ?? 0));
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  return date.getTime();
}

function civilFromUtcMs(ms: number): CivilDate {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return civilFromUtcMs(civilToUtcMs(date) + days * DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CivilDate): number {
  return new Date(civilToUtcMs(date)).getUTCDay() || 7;
}

export function compareCivil(a: CivilDate, b: CivilDate): number {
  return civilToUtcMs(a) - civilToUtcMs(b);
}

/** "2026-04-05". */
export function civilKey(date: CivilDate): string {
  const year = String(date.year).padStart(4, "0");
  return `${year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

const wallFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: SHOP_TIME_ZONE,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
  hourCycle: "h23",
});

/** The Berlin wall-clock reading of an instant. */
export function berlinWallClock(instant: Date): WallClock {
  const ms = assertValidDate(instant);
  const fields: Record<string, number> = {};
  for (const part of wallFormat.formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year,
    month: fields.month,
    day: fields.day,
    hour: fields.hour,
    minute: fields.minute,
    second: fields.second,
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

/** Berlin's offset from UTC at an instant, in ms (3 600 000 in winter, 7 200 000 in summer). */
export function berlinOffsetMs(instant: Date): number {
  return civilToUtcMs(berlinWallClock(instant)) - assertValidDate(instant);
}

/**
 * How to read a wall-clock time that happens twice (the last Sunday of October,
 * 02:00-02:59 exists in CEST and again in CET) or never (the last Sunday of March,
 * 02:00-02:59 is skipped). "compatible" is Temporal's and RFC 5545's default: the
 * earlier of two readings, and for a skipped time the instant that moves the clock
 * forward by the gap (02:30 → 03:30 CEST). "reject" throws for both.
 */
export type Disambiguation = "compatible" | "earlier" | "later" | "reject";

/**
 * The UTC instant of a Berlin wall-clock time. The candidate offsets are the ones in
 * force a day before and a day after (Berlin never changes offset twice within two
 * days); a candidate is right when Intl reads the resulting instant back with the same
 * offset. Two right candidates mean an overlap, none means a gap.
 */
export function berlinToInstant(
  wall: CivilDate & Partial<WallClock>,
  disambiguation: Disambiguation = "compatible",
): Date {
  const local = civilToUtcMs(wall);
  const back = new Date(local);
  const valid =
    !Number.isNaN(local) &&
    back.getUTCFullYear() === wall.year &&
    back.getUTCMonth() + 1 === wall.month &&
    back.getUTCDate() === wall.day &&
    back.getUTCHours() === (wall.hour ?? 0) &&
    back.getUTCMinutes() === (wall.minute ?? 0) &&
    back.getUTCSeconds() === (wall.second ?? 0) &&
    back.getUTCMilliseconds() === (wall.millisecond ?? 0);
  if (!valid) throw new RangeError(`invalid wall-clock time ${JSON.stringify(wall)}`);
  const offsetBefore = berlinOffsetMs(new Date(local - DAY_MS));
  const offsetAfter = berlinOffsetMs(new Date(local + DAY_MS));
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => local - offset)
    .filter((candidate) => berlinOffsetMs(new Date(candidate)) === local - candidate)
    .sort((a, b) => a - b);
  if (candidates.length === 1) return new Date(candidates[0]);
  if (disambiguation === "reject") {
    throw new RangeError(`${civilKey(wall)} ${wall.hour ?? 0}:${wall.minute ?? 0} is ${candidates.length ? "ambiguous" : "skipped"} in Berlin`);
  }
  if (candidates.length === 2) return new Date(disambiguation === "later" ? candidates[1] : candidates[0]);
  return new Date(local - (disambiguation === "earlier" ? offsetAfter : offsetBefore));
}

export function berlinDateOf(instant: Date): CivilDate {
  const { year, month, day } = berlinWallClock(instant);
  return { year, month, day };
}

/** 00:00 Berlin time of a day (midnight is never skipped or repeated in Berlin). */
export function berlinDayStart(date: CivilDate): Date {
  return berlinToInstant({ year: date.year, month: date.month, day: date.day });
}

/** [00:00, next day's 00:00) in Berlin: 23 h on the last Sunday of March, 25 h on the last Sunday of October. */
export function berlinDayRange(date: CivilDate): InstantRange {
  return { start: berlinDayStart(date), end: berlinDayStart(addDays(date, 1)) };
}

export interface BerlinMonth {
  year: number;
  month: number;
}

export function berlinMonthOf(instant: Date): BerlinMonth {
  const { year, month } = berlinWallClock(instant);
  return { year, month };
}

export type BerlinPeriod = { year: number; month: number } | { year: number; quarter: 1 | 2 | 3 | 4 } | { year: number };

/** The UTC instants bounding a Berlin month, quarter or year, as [start, end). */
export function berlinPeriodRange(period: BerlinPeriod): InstantRange {
  let firstMonth = 1;
  let months = 12;
  if ("month" in period) {
    if (!Number.isInteger(period.month) || period.month < 1 || period.month > 12) throw new RangeError(`month ${period.month}`);
    firstMonth = period.month;
    months = 1;
  } else if ("quarter" in period) {
    if (![1, 2, 3, 4].includes(period.quarter)) throw new RangeError(`quarter ${period.quarter}`);
    firstMonth = (period.quarter - 1) * 3 + 1;
    months = 3;
  }
  const endMonthIndex = firstMonth - 1 + months;
  return {
    start: berlinDayStart({ year: period.year, month: firstMonth, day: 1 }),
    end: berlinDayStart({ year: period.year + Math.floor(endMonthIndex / 12), month: (endMonthIndex % 12) + 1, day: 1 }),
  };
}

/** Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): CivilDate {
  if (!Number.isInteger(year) || year < 1583) throw new RangeError(`Easter needs a Gregorian year (1583+), got ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

/** Frozen: the list of a year is cached and shared. */
export interface Holiday {
  readonly date: Readonly<CivilDate>;
  /** "2026-04-03". */
  readonly isoDate: string;
  /** next-intl key, e.g. "holidays.goodFriday". */
  readonly messageKey: string;
  readonly name: Readonly<{ de: string; en: string }>;
}

type HolidayRule = { id: string; de: string; en: string } & ({ month: number; day: number } | { easterOffset: number });

const holidayRules: readonly HolidayRule[] = [
  { id: "newYear", de: "Neujahr", en: "New Year's Day", month: 1, day: 1 },
  { id: "epiphany", de: "Heilige Drei Könige", en: "Epiphany", month: 1, day: 6 },
  { id: "goodFriday", de: "Karfreitag", en: "Good Friday", easterOffset: -2 },
  { id: "easterMonday", de: "Ostermontag", en: "Easter Monday", easterOffset: 1 },
  { id: "labourDay", de: "Tag der Arbeit", en: "Labour Day", month: 5, day: 1 },
  { id: "ascensionDay", de: "Christi Himmelfahrt", en: "Ascension Day", easterOffset: 39 },
  { id: "whitMonday", de: "Pfingstmontag", en: "Whit Monday", easterOffset: 50 },
  { id: "corpusChristi", de: "Fronleichnam", en: "Corpus Christi", easterOffset: 60 },
  { id: "germanUnityDay", de: "Tag der Deutschen Einheit", en: "German Unity Day", month: 10, day: 3 },
  { id: "allSaintsDay", de: "Allerheiligen", en: "All Saints' Day", month: 11, day: 1 },
  { id: "christmasDay", de: "1. Weihnachtstag", en: "Christmas Day", month: 12, day: 25 },
  { id: "secondChristmasDay", de: "2. Weihnachtstag", en: "Second Day of Christmas", month: 12, day: 26 },
];

/** The 500th anniversary of the Reformation was a public holiday in every state, once. */
const reformationDay2017: HolidayRule = { id: "reformationDay", de: "Reformationstag", en: "Reformation Day", month: 10, day: 31 };

/** Buß- und Bettag was a holiday in Baden-Württemberg until 1994, so older years would be wrong. */
const FIRST_SUPPORTED_YEAR = 1995;

const holidayCache = new Map<number, readonly Holiday[]>();

/** Baden-Württemberg's statutory public holidays of a year, in date order. */
export function holidaysOf(year: number): readonly Holiday[] {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR) {
    throw new RangeError(`holidays are known from ${FIRST_SUPPORTED_YEAR} on, got ${year}`);
  }
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const rules = year === 2017 ? [...holidayRules, reformationDay2017] : holidayRules;
  const holidays = rules
    .map((rule): Holiday => {
      const date = "easterOffset" in rule ? addDays(easter, rule.easterOffset) : { year, month: rule.month, day: rule.day };
      return Object.freeze({
        date: Object.freeze(date),
        isoDate: civilKey(date),
        messageKey: `holidays.${rule.id}`,
        name: Object.freeze({ de: rule.de, en: rule.en }),
      });
    })
    .sort((a, b) => compareCivil(a.date, b.date));
  Object.freeze(holidays);
  holidayCache.set(year, holidays);
  return holidays;
}

/** The holiday on a Berlin calendar day (a Date is read as the Berlin day containing it). */
export function holidayOn(date: Date | CivilDate): Holiday | undefined {
  const day = date instanceof Date ? berlinDateOf(date) : date;
  const key = civilKey(day);
  return holidaysOf(day.year).find((holiday) => holiday.isoDate === key);
}

export function isHoliday(date: Date | CivilDate): boolean {
  return holidayOn(date) !== undefined;
}

export const weekdayKeys = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type WeekdayKey = (typeof weekdayKeys)[number];

const clockTimePattern = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

function clockMinutesOrNaN(text: string): number {
  const match = clockTimePattern.exec(text);
  if (!match) return Number.NaN;
  return match[1] === undefined ? 24 * 60 : Number(match[1]) * 60 + Number(match[2]);
}

function minutesOfClockTime(text: string): number {
  const minutes = clockMinutesOrNaN(text);
  if (Number.isNaN(minutes)) throw new RangeError(`not a time of day "HH:MM": "${text}"`);
  return minutes;
}

/** zod 4 runs refinements even when a field's regex failed; that field is reported already. */
function inOrder(earlier: string, later: string, allowEqual: boolean): boolean {
  const a = clockMinutesOrNaN(earlier);
  const b = clockMinutesOrNaN(later);
  return Number.isNaN(a) || Number.isNaN(b) || a < b || (allowEqual && a === b);
}

const openingSchema = z
  .object({
    /** Berlin wall-clock "HH:MM". */
    start: z.string().regex(clockTimePattern),
    /** Berlin wall-clock "HH:MM", exclusive; "24:00" is the end of the day. */
    end: z.string().regex(clockTimePattern),
  })
  .refine((range) => inOrder(range.start, range.end, false), { message: "start must be before end" });

const dayOpeningsSchema = z.array(openingSchema).refine(
  (ranges) => ranges.every((range, index) => index === 0 || inOrder(ranges[index - 1].end, range.start, true)),
  { message: "opening hours of a day must be in order and must not overlap" },
);

/**
 * Opening hours per weekday in Berlin wall-clock time (an empty list = closed). At least
 * one weekday must open: held notifications wait for the next opening, which a week
 * without one never has.
 */
export const businessHoursConfigSchema = z.object({
  week: z
    .object({
      mon: dayOpeningsSchema,
      tue: dayOpeningsSchema,
      wed: dayOpeningsSchema,
      thu: dayOpeningsSchema,
      fri: dayOpeningsSchema,
      sat: dayOpeningsSchema,
      sun: dayOpeningsSchema,
    })
    .refine((week) => Object.values(week).some((openings) => openings.length > 0), { message: "the shop must open on at least one weekday" }),
  closedOnHolidays: z.boolean(),
});
export type BusinessHoursConfig = z.infer<typeof businessHoursConfigSchema>;

const workday = [{ start: "08:00", end: "18:00" }];

export const DEFAULT_BUSINESS_HOURS: BusinessHoursConfig = {
  week: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: [], sun: [] },
  closedOnHolidays: true,
};

/**
 * The instants a Berlin day is open. Wall-clock times go through `berlinToInstant`, so
 * 08:00-18:00 is ten real hours on a DST switch day too; a range touching the skipped
 * hour (last Sunday of March, 02:00-03:00) is shortened by it, and one covering the
 * repeated hour (last Sunday of October) is lengthened by it.
 */
export function businessRangesOn(date: CivilDate, config: BusinessHoursConfig): InstantRange[] {
  if (config.closedOnHolidays && isHoliday(date)) return [];
  const openings = config.week[weekdayKeys[isoWeekday(date) - 1]];
  const ranges: InstantRange[] = [];
  for (const opening of openings) {
    const startMinutes = minutesOfClockTime(opening.start);
    const endMinutes = minutesOfClockTime(opening.end);
    const start = berlinToInstant({ ...date, hour: Math.floor(startMinutes / 60), minute: startMinutes % 60 });
    const end =
      endMinutes === 24 * 60
        ? berlinDayStart(addDays(date, 1))
        : berlinToInstant({ ...date, hour: Math.floor(endMinutes / 60), minute: endMinutes % 60 });
    if (start < end) ranges.push({ start, end });
  }
  return ranges;
}

/** Two years of days: enough to find an opening after any run of holidays and closed weekdays. */
const SEARCH_DAYS = 2 * 366;

function openRangeAt(instant: Date, config: BusinessHoursConfig): InstantRange | undefined {
  return businessRangesOn(berlinDateOf(instant), config).find((range) => range.start <= instant && instant < range.end);
}

export function isBusinessTime(instant: Date, config: BusinessHoursConfig = DEFAULT_BUSINESS_HOURS): boolean {
  return openRangeAt(instant, config) !== undefined;
}

/** Outside business hours: the time for backups, cleanup and other noisy maintenance. */
export function isMaintenanceWindow(instant: Date, config: BusinessHoursConfig = DEFAULT_BUSINESS_HOURS): boolean {
  return !isBusinessTime(instant, config);
}

/**
 * When a held-back (non-urgent) notification may go out: `instant` itself during
 * business hours, otherwise the start of the next opening (skipping weekends and
 * holidays). Throws if the config never opens.
 */
export function nextBusinessStart(instant: Date, config: BusinessHoursConfig = DEFAULT_BUSINESS_HOURS): Date {
  assertValidDate(instant);
  let day = berlinDateOf(instant);
  for (let i = 0; i < SEARCH_DAYS; i++, day = addDays(day, 1)) {
    const range = businessRangesOn(day, config).find((candidate) => candidate.end > instant);
    if (range) return range.start > instant ? range.start : new Date(instant.getTime());
  }
  throw new RangeError("business hours never open");
}

/**
 * The first instant at or after `instant` that is outside business hours; openings
 * that touch (e.g. 00:00-24:00 on consecutive days) count as one. Throws if the
 * config is open around the clock.
 */
export function nextOutsideBusinessHours(instant: Date, config: BusinessHoursConfig = DEFAULT_BUSINESS_HOURS): Date {
  let at = new Date(assertValidDate(instant));
  for (let i = 0; i < SEARCH_DAYS * 2; i++) {
    const range = openRangeAt(at, config);
    if (!range) return at;
    at = range.end;
  }
  throw new RangeError("business hours never close");
}

export interface BusinessHoursSplit {
  insideSeconds: number;
  outsideSeconds: number;
}

/**
 * Splits the real elapsed time of [start, end) into seconds inside and outside
 * business hours (for print-hour reports). Works on instants, so a span over a DST
 * switch counts the 23 or 25 hours that really passed.
 */
export function splitByBusinessHours(
  start: Date,
  end: Date,
  config: BusinessHoursConfig = DEFAULT_BUSINESS_HOURS,
): BusinessHoursSplit {
  const startMs = assertValidDate(start);
  const endMs = assertValidDate(end);
  if (endMs < startMs) throw new RangeError("end is before start");
  let insideMs = 0;
  const lastDay = berlinDateOf(end);
  for (let day = berlinDateOf(start); compareCivil(day, lastDay) <= 0; day = addDays(day, 1)) {
    for (const range of businessRangesOn(day, config)) {
      const overlap = Math.min(endMs, range.end.getTime()) - Math.max(startMs, range.start.getTime());
      if (overlap > 0) insideMs += overlap;
    }
  }
  return { insideSeconds: insideMs / 1000, outsideSeconds: (endMs - startMs - insideMs) / 1000 };
}
