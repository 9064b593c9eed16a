import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_HOURS, type BusinessHoursConfig } from "@/lib/business/calendar";
import { hoursErrors, normalizeClock, normalizeHours } from "./business-hours";

function withMonday(mon: BusinessHoursConfig["week"]["mon"]): BusinessHoursConfig {
  return { ...DEFAULT_BUSINESS_HOURS, week: { ...DEFAULT_BUSINESS_HOURS.week, mon } };
}

describe("normalizeClock", () => {
  it.each([
    ["8", "08:00"],
    ["8:30", "08:30"],
    ["8.30", "08:30"],
    ["0830", "08:30"],
    [" 17:45 ", "17:45"],
    ["24:00", "24:00"],
  ])("reads %j as %j", (typed, clock) => {
    expect(normalizeClock(typed)).toBe(clock);
  });

  it("leaves what is no time as typed", () => {
    expect(normalizeClock("acht")).toBe("acht");
    expect(normalizeClock("8:3")).toBe("8:3");
    expect(normalizeClock("")).toBe("");
  });
});

describe("hoursErrors", () => {
  it("accepts the defaults and normalized input", () => {
    expect(hoursErrors(DEFAULT_BUSINESS_HOURS)).toEqual({});
    const typed = withMonday([{ start: "7.30", end: "12" }, { start: "13", end: "24:00" }]);
    expect(hoursErrors(typed)).not.toEqual({});
    expect(normalizeHours(typed).week.mon).toEqual([{ start: "07:30", end: "12:00" }, { start: "13:00", end: "24:00" }]);
    expect(hoursErrors(normalizeHours(typed))).toEqual({});
  });

  it("keys each error by the field it belongs to", () => {
    expect(hoursErrors(withMonday([{ start: "25:00", end: "18:00" }]))).toEqual({ "mon.0.start": "time" });
    expect(hoursErrors(withMonday([{ start: "08:00", end: "" }]))).toEqual({ "mon.0.end": "time" });
    expect(hoursErrors(withMonday([{ start: "18:00", end: "08:00" }]))).toEqual({ "mon.0": "order" });
    expect(hoursErrors(withMonday([{ start: "08:00", end: "12:00" }, { start: "11:00", end: "17:00" }]))).toEqual({ mon: "overlap" });
  });

  it("refuses a week without any opening", () => {
    const closed = { week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, closedOnHolidays: true };
    expect(hoursErrors(closed)).toEqual({ week: "neverOpen" });
  });
});
