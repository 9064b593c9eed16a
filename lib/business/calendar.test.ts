import { describe, expect, it } from "vitest";
import {
  type BusinessHoursConfig,
  businessHoursConfigSchema,
  berlinDateOf,
  berlinDayRange,
  berlinMonthOf,
  berlinOffsetMs,
  berlinPeriodRange,
  berlinToInstant,
  berlinWallClock,
  DEFAULT_BUSINESS_HOURS,
  easterSunday,
  holidayOn,
  holidaysOf,
  isBusinessTime,
  isHoliday,
  isMaintenanceWindow,
  isoWeekday,
  nextBusinessStart,
  nextOutsideBusinessHours,
  splitByBusinessHours,
} from "./calendar";

const utc = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

const allDay = [{ start: "00:00", end: "24:00" }];
function withSunday(sun: BusinessHoursConfig["week"]["sun"]): BusinessHoursConfig {
  return { ...DEFAULT_BUSINESS_HOURS, week: { ...DEFAULT_BUSINESS_HOURS.week, sun } };
}

describe("Easter Sunday", () => {
  it.each([
    [2024, 3, 31],
    [2025, 4, 20],
    [2026, 4, 5],
    [2027, 3, 28],
    [2038, 4, 25],
    [2285, 3, 22],
    [1818, 3, 22],
    [2019, 4, 21],
    [1583, 4, 10],
  ])("%i: %i/%i", (year, month, day) => {
    expect(easterSunday(year)).toEqual({ year, month, day });
  });

  it("needs a Gregorian year", () => {
    expect(() => easterSunday(1582)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
  });
});

describe("Baden-Württemberg holidays", () => {
  it("lists all of 2026", () => {
    expect(holidaysOf(2026).map((h) => [h.isoDate, h.messageKey, h.name.de, h.name.en])).toEqual([
      ["2026-01-01", "holidays.newYear", "Neujahr", "New Year's Day"],
      ["2026-01-06", "holidays.epiphany", "Heilige Drei Könige", "Epiphany"],
      ["2026-04-03", "holidays.goodFriday", "Karfreitag", "Good Friday"],
      ["2026-04-06", "holidays.easterMonday", "Ostermontag", "Easter Monday"],
      ["2026-05-01", "holidays.labourDay", "Tag der Arbeit", "Labour Day"],
      ["2026-05-14", "holidays.ascensionDay", "Christi Himmelfahrt", "Ascension Day"],
      ["2026-05-25", "holidays.whitMonday", "Pfingstmontag", "Whit Monday"],
      ["2026-06-04", "holidays.corpusChristi", "Fronleichnam", "Corpus Christi"],
      ["2026-10-03", "holidays.germanUnityDay", "Tag der Deutschen Einheit", "German Unity Day"],
      ["2026-11-01", "holidays.allSaintsDay", "Allerheiligen", "All Saints' Day"],
      ["2026-12-25", "holidays.christmasDay", "1. Weihnachtstag", "Christmas Day"],
      ["2026-12-26", "holidays.secondChristmasDay", "2. Weihnachtstag", "Second Day of Christmas"],
    ]);
    expect(holidaysOf(2026)[2].date).toEqual({ year: 2026, month: 4, day: 3 });
  });

  it("moves the Easter-based days with Easter (2024: Easter 31 March)", () => {
    const dates = holidaysOf(2024).map((h) => h.isoDate);
    expect(dates).toContain("2024-03-29");
    expect(dates).toContain("2024-04-01");
    expect(dates).toContain("2024-05-09");
    expect(dates).toContain("2024-05-20");
    expect(dates).toContain("2024-05-30");
  });

  it("had Reformation Day once, in 2017", () => {
    expect(holidayOn({ year: 2017, month: 10, day: 31 })?.name.de).toBe("Reformationstag");
    expect(holidaysOf(2017)).toHaveLength(13);
    expect(isHoliday({ year: 2018, month: 10, day: 31 })).toBe(false);
  });

  it("Easter and Whit Sunday are no statutory holidays in BW", () => {
    expect(isHoliday({ year: 2026, month: 4, day: 5 })).toBe(false);
    expect(isHoliday({ year: 2026, month: 5, day: 24 })).toBe(false);
  });

  it("reads a Date as its Berlin day", () => {
    expect(isHoliday(utc("2026-04-05T22:30:00Z"))).toBe(true); // 00:30 on Easter Monday in Berlin
    expect(isHoliday(utc("2026-04-06T21:59:59Z"))).toBe(true);
    expect(isHoliday(utc("2026-04-06T22:00:00Z"))).toBe(false); // 00:00 on 7 April
    expect(holidayOn(utc("2025-12-31T23:30:00Z"))?.messageKey).toBe("holidays.newYear");
  });

  it("refuses years before the current holiday law", () => {
    expect(() => holidaysOf(1994)).toThrow(RangeError);
  });

  it("returns frozen, shared lists", () => {
    expect(Object.isFrozen(holidaysOf(2026))).toBe(true);
    expect(Object.isFrozen(holidaysOf(2026)[0].date)).toBe(true);
  });
});

describe("Berlin wall clock", () => {
  it("converts ordinary times in winter and summer", () => {
    expect(iso(berlinToInstant({ year: 2026, month: 1, day: 15, hour: 12 }))).toBe("2026-01-15T11:00:00.000Z");
    expect(iso(berlinToInstant({ year: 2026, month: 7, day: 1, hour: 12, minute: 30, second: 15, millisecond: 250 }))).toBe(
      "2026-07-01T10:30:15.250Z",
    );
    expect(berlinWallClock(utc("2026-07-01T10:30:15.250Z"))).toEqual({
      year: 2026,
      month: 7,
      day: 1,
      hour: 12,
      minute: 30,
      second: 15,
      millisecond: 250,
    });
    expect(berlinOffsetMs(utc("2026-01-15T11:00:00Z"))).toBe(3_600_000);
    expect(berlinOffsetMs(utc("2026-07-01T10:00:00Z"))).toBe(7_200_000);
  });

  it("skipped hour on 2026-03-29: 02:30 does not exist", () => {
    const wall = { year: 2026, month: 3, day: 29, hour: 2, minute: 30 };
    expect(iso(berlinToInstant(wall))).toBe("2026-03-29T01:30:00.000Z"); // 03:30 CEST
    expect(iso(berlinToInstant(wall, "later"))).toBe("2026-03-29T01:30:00.000Z");
    expect(iso(berlinToInstant(wall, "earlier"))).toBe("2026-03-29T00:30:00.000Z"); // 01:30 CET
    expect(() => berlinToInstant(wall, "reject")).toThrow(RangeError);
    expect(iso(berlinToInstant({ ...wall, hour: 1, minute: 59 }))).toBe("2026-03-29T00:59:00.000Z");
    expect(iso(berlinToInstant({ ...wall, hour: 3, minute: 0 }))).toBe("2026-03-29T01:00:00.000Z");
  });

  it("repeated hour on 2026-10-25: 02:30 happens twice", () => {
    const wall = { year: 2026, month: 10, day: 25, hour: 2, minute: 30 };
    expect(iso(berlinToInstant(wall))).toBe("2026-10-25T00:30:00.000Z"); // CEST
    expect(iso(berlinToInstant(wall, "earlier"))).toBe("2026-10-25T00:30:00.000Z");
    expect(iso(berlinToInstant(wall, "later"))).toBe("2026-10-25T01:30:00.000Z"); // CET
    expect(() => berlinToInstant(wall, "reject")).toThrow(RangeError);
    expect(berlinWallClock(utc("2026-10-25T00:30:00Z")).hour).toBe(2);
    expect(berlinWallClock(utc("2026-10-25T01:30:00Z")).hour).toBe(2);
  });

  it("day boundaries: 23 h on 2026-03-29, 25 h on 2026-10-25", () => {
    const spring = berlinDayRange({ year: 2026, month: 3, day: 29 });
    expect([iso(spring.start), iso(spring.end)]).toEqual(["2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"]);
    const autumn = berlinDayRange({ year: 2026, month: 10, day: 25 });
    expect([iso(autumn.start), iso(autumn.end)]).toEqual(["2026-10-24T22:00:00.000Z", "2026-10-25T23:00:00.000Z"]);
    expect(berlinDateOf(utc("2026-03-29T21:59:59.999Z"))).toEqual({ year: 2026, month: 3, day: 29 });
    expect(berlinDateOf(utc("2026-10-25T22:59:59.999Z"))).toEqual({ year: 2026, month: 10, day: 25 });
    expect(berlinDateOf(utc("2026-10-25T23:00:00Z"))).toEqual({ year: 2026, month: 10, day: 26 });
  });

  it("refuses wall-clock fields that would roll over", () => {
    expect(() => berlinToInstant({ year: 2026, month: 4, day: 31 })).toThrow(RangeError);
    expect(() => berlinToInstant({ year: 2026, month: 13, day: 1 })).toThrow(RangeError);
    expect(() => berlinToInstant({ year: 2026, month: 4, day: 1, hour: 24 })).toThrow(RangeError);
    expect(() => berlinToInstant({ year: 2026, month: 4, day: 1, minute: 1.5 })).toThrow(RangeError);
  });

  it("ISO weekdays", () => {
    expect(isoWeekday({ year: 2026, month: 3, day: 29 })).toBe(7);
    expect(isoWeekday({ year: 2026, month: 4, day: 6 })).toBe(1);
  });
});

describe("Berlin periods", () => {
  it("23:30 Berlin on 31 March belongs to March", () => {
    expect(berlinMonthOf(utc("2026-03-31T21:30:00Z"))).toEqual({ year: 2026, month: 3 });
    expect(berlinMonthOf(utc("2026-03-31T22:00:00Z"))).toEqual({ year: 2026, month: 4 });
    expect(berlinMonthOf(utc("2026-01-31T22:30:00Z"))).toEqual({ year: 2026, month: 1 }); // 23:30 CET
    expect(berlinMonthOf(utc("2026-01-31T23:00:00Z"))).toEqual({ year: 2026, month: 2 });
    expect(berlinMonthOf(utc("2025-12-31T23:30:00Z"))).toEqual({ year: 2026, month: 1 });
  });

  it("month, quarter and year ranges as UTC instants", () => {
    const range = (p: Parameters<typeof berlinPeriodRange>[0]) => {
      const r = berlinPeriodRange(p);
      return [iso(r.start), iso(r.end)];
    };
    expect(range({ year: 2026, month: 3 })).toEqual(["2026-02-28T23:00:00.000Z", "2026-03-31T22:00:00.000Z"]);
    expect(range({ year: 2026, month: 10 })).toEqual(["2026-09-30T22:00:00.000Z", "2026-10-31T23:00:00.000Z"]);
    expect(range({ year: 2026, month: 12 })).toEqual(["2026-11-30T23:00:00.000Z", "2026-12-31T23:00:00.000Z"]);
    expect(range({ year: 2026, quarter: 1 })).toEqual(["2025-12-31T23:00:00.000Z", "2026-03-31T22:00:00.000Z"]);
    expect(range({ year: 2026, quarter: 4 })).toEqual(["2026-09-30T22:00:00.000Z", "2026-12-31T23:00:00.000Z"]);
    expect(range({ year: 2026 })).toEqual(["2025-12-31T23:00:00.000Z", "2026-12-31T23:00:00.000Z"]);
    expect(() => berlinPeriodRange({ year: 2026, month: 13 })).toThrow(RangeError);
  });

  it("a month's range contains exactly the instants berlinMonthOf puts in it", () => {
    const { start, end } = berlinPeriodRange({ year: 2026, month: 3 });
    expect(berlinMonthOf(start)).toEqual({ year: 2026, month: 3 });
    expect(berlinMonthOf(new Date(start.getTime() - 1))).toEqual({ year: 2026, month: 2 });
    expect(berlinMonthOf(new Date(end.getTime() - 1))).toEqual({ year: 2026, month: 3 });
    expect(berlinMonthOf(end)).toEqual({ year: 2026, month: 4 });
  });
});

describe("business hours", () => {
  it("default is Mon-Fri 08:00-18:00 Berlin time", () => {
    expect(isBusinessTime(utc("2026-04-07T06:00:00Z"))).toBe(true); // Tue 08:00 CEST
    expect(isBusinessTime(utc("2026-04-07T05:59:59.999Z"))).toBe(false);
    expect(isBusinessTime(utc("2026-04-07T15:59:59.999Z"))).toBe(true);
    expect(isBusinessTime(utc("2026-04-07T16:00:00Z"))).toBe(false); // 18:00 CEST
    expect(isBusinessTime(utc("2026-01-13T07:00:00Z"))).toBe(true); // Tue 08:00 CET
    expect(isBusinessTime(utc("2026-04-06T08:00:00Z"))).toBe(false); // Easter Monday 10:00
    expect(isBusinessTime(utc("2026-04-11T08:00:00Z"))).toBe(false); // Saturday
    expect(isMaintenanceWindow(utc("2026-04-07T20:00:00Z"))).toBe(true);
    expect(isMaintenanceWindow(utc("2026-04-07T08:00:00Z"))).toBe(false);
  });

  it("holidays can be configured as open", () => {
    expect(isBusinessTime(utc("2026-04-06T08:00:00Z"), { ...DEFAULT_BUSINESS_HOURS, closedOnHolidays: false })).toBe(true);
  });

  it("nextBusinessStart skips the Easter weekend to Tuesday 08:00", () => {
    // Thursday 2 April 19:00: Good Friday, weekend, Easter Monday follow.
    expect(iso(nextBusinessStart(utc("2026-04-02T17:00:00Z")))).toBe("2026-04-07T06:00:00.000Z");
    expect(iso(nextBusinessStart(utc("2026-04-03T17:00:00Z")))).toBe("2026-04-07T06:00:00.000Z");
  });

  it("nextBusinessStart on a Friday evening before Whit Monday goes to Tuesday 08:00", () => {
    expect(iso(nextBusinessStart(utc("2026-05-22T17:00:00Z")))).toBe("2026-05-26T06:00:00.000Z");
  });

  it("nextBusinessStart across the spring DST switch", () => {
    // Friday 27 March 19:00 CET → Monday 30 March 08:00 CEST
    expect(iso(nextBusinessStart(utc("2026-03-27T18:00:00Z")))).toBe("2026-03-30T06:00:00.000Z");
  });

  it("nextBusinessStart returns the instant itself during business hours and the same day's opening before it", () => {
    expect(iso(nextBusinessStart(utc("2026-04-07T08:15:00Z")))).toBe("2026-04-07T08:15:00.000Z");
    expect(iso(nextBusinessStart(utc("2026-04-07T05:00:00Z")))).toBe("2026-04-07T06:00:00.000Z");
  });

  it("handles several openings per day", () => {
    const lunch: BusinessHoursConfig = {
      ...DEFAULT_BUSINESS_HOURS,
      week: {
        ...DEFAULT_BUSINESS_HOURS.week,
        tue: [
          { start: "08:00", end: "12:00" },
          { start: "13:00", end: "17:00" },
        ],
      },
    };
    expect(iso(nextBusinessStart(utc("2026-04-07T10:30:00Z"), lunch))).toBe("2026-04-07T11:00:00.000Z");
    expect(iso(nextOutsideBusinessHours(utc("2026-04-07T09:00:00Z"), lunch))).toBe("2026-04-07T10:00:00.000Z");
    expect(splitByBusinessHours(utc("2026-04-07T00:00:00Z"), utc("2026-04-07T22:00:00Z"), lunch)).toEqual({
      insideSeconds: 28_800,
      outsideSeconds: 50_400,
    });
  });

  it("nextOutsideBusinessHours finds the end of the current opening", () => {
    expect(iso(nextOutsideBusinessHours(utc("2026-04-07T08:00:00Z")))).toBe("2026-04-07T16:00:00.000Z");
    expect(iso(nextOutsideBusinessHours(utc("2026-04-07T20:00:00Z")))).toBe("2026-04-07T20:00:00.000Z");
    const weekdaysAllDay: BusinessHoursConfig = {
      week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: [], sun: [] },
      closedOnHolidays: true,
    };
    // Open around the clock Mon-Fri: from Tuesday 10:00 the next gap is Saturday 00:00 Berlin.
    expect(iso(nextOutsideBusinessHours(utc("2026-04-07T08:00:00Z"), weekdaysAllDay))).toBe("2026-04-10T22:00:00.000Z");
  });

  it("throws for configs that never open or never close", () => {
    const closed: BusinessHoursConfig = {
      week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      closedOnHolidays: true,
    };
    const always: BusinessHoursConfig = {
      week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
      closedOnHolidays: false,
    };
    expect(() => nextBusinessStart(utc("2026-04-07T08:00:00Z"), closed)).toThrow(RangeError);
    expect(() => nextOutsideBusinessHours(utc("2026-04-07T08:00:00Z"), always)).toThrow(RangeError);
  });
});

describe("splitByBusinessHours", () => {
  it("one day", () => {
    // Tuesday 07:00-19:00 CEST
    expect(splitByBusinessHours(utc("2026-04-07T05:00:00Z"), utc("2026-04-07T17:00:00Z"))).toEqual({
      insideSeconds: 36_000,
      outsideSeconds: 7200,
    });
  });

  it("several days over the Easter holidays", () => {
    // Thu 2 April 12:00 → Tue 7 April 12:00 CEST: Thu 6 h + Tue 4 h inside, of 120 h
    expect(splitByBusinessHours(utc("2026-04-02T10:00:00Z"), utc("2026-04-07T10:00:00Z"))).toEqual({
      insideSeconds: 36_000,
      outsideSeconds: 396_000,
    });
  });

  it("2026-03-29 has 23 hours", () => {
    const { start, end } = berlinDayRange({ year: 2026, month: 3, day: 29 });
    expect(splitByBusinessHours(start, end)).toEqual({ insideSeconds: 0, outsideSeconds: 82_800 });
    expect(splitByBusinessHours(start, end, withSunday(allDay))).toEqual({ insideSeconds: 82_800, outsideSeconds: 0 });
    expect(splitByBusinessHours(start, end, withSunday([{ start: "08:00", end: "18:00" }]))).toEqual({
      insideSeconds: 36_000,
      outsideSeconds: 46_800,
    });
    // 01:00 CET-04:00 CEST is two real hours
    expect(splitByBusinessHours(start, end, withSunday([{ start: "01:00", end: "04:00" }]))).toEqual({
      insideSeconds: 7200,
      outsideSeconds: 75_600,
    });
  });

  it("2026-10-25 has 25 hours", () => {
    const { start, end } = berlinDayRange({ year: 2026, month: 10, day: 25 });
    expect(splitByBusinessHours(start, end)).toEqual({ insideSeconds: 0, outsideSeconds: 90_000 });
    expect(splitByBusinessHours(start, end, withSunday(allDay))).toEqual({ insideSeconds: 90_000, outsideSeconds: 0 });
    // 02:00 CEST-03:00 CET is two real hours
    expect(splitByBusinessHours(start, end, withSunday([{ start: "02:00", end: "03:00" }]))).toEqual({
      insideSeconds: 7200,
      outsideSeconds: 82_800,
    });
  });

  it("a span across the spring switch", () => {
    // Fri 27 March 00:00 CET → Tue 31 March 00:00 CEST: 95 h, of which Fri and Mon 10 h each inside
    const start = berlinToInstant({ year: 2026, month: 3, day: 27 });
    const end = berlinToInstant({ year: 2026, month: 3, day: 31 });
    expect(iso(start)).toBe("2026-03-26T23:00:00.000Z");
    expect(iso(end)).toBe("2026-03-30T22:00:00.000Z");
    expect(splitByBusinessHours(start, end)).toEqual({ insideSeconds: 72_000, outsideSeconds: 270_000 });
  });

  it("empty and reversed spans", () => {
    expect(splitByBusinessHours(utc("2026-04-07T08:00:00Z"), utc("2026-04-07T08:00:00Z"))).toEqual({
      insideSeconds: 0,
      outsideSeconds: 0,
    });
    expect(() => splitByBusinessHours(utc("2026-04-07T09:00:00Z"), utc("2026-04-07T08:00:00Z"))).toThrow(RangeError);
  });
});

describe("businessHoursConfigSchema", () => {
  it("accepts the default and 24:00 as an end", () => {
    expect(businessHoursConfigSchema.parse(DEFAULT_BUSINESS_HOURS)).toEqual(DEFAULT_BUSINESS_HOURS);
    expect(businessHoursConfigSchema.safeParse(withSunday(allDay)).success).toBe(true);
  });

  it.each([
    [[{ start: "8:00", end: "18:00" }]],
    [[{ start: "08:00", end: "24:30" }]],
    [[{ start: "24:00", end: "24:00" }]],
    [[{ start: "18:00", end: "08:00" }]],
    [
      [
        { start: "08:00", end: "12:00" },
        { start: "11:00", end: "17:00" },
      ],
    ],
  ])("refuses %j", (sun) => {
    expect(businessHoursConfigSchema.safeParse(withSunday(sun)).success).toBe(false);
  });

  it("refuses a week that never opens", () => {
    const closed = { week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, closedOnHolidays: false };
    const result = businessHoursConfigSchema.safeParse(closed);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["week"]]);
    expect(businessHoursConfigSchema.safeParse({ ...closed, week: { ...closed.week, sun: [{ start: "10:00", end: "12:00" }] } }).success).toBe(true);
  });
});
