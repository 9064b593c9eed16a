import { describe, expect, it } from "vitest";
import { formatBytes } from "./bytes";
import { berlinDay, berlinDayStart, formatDateTime, formatDateTimeStyled, formatEta } from "./date";
import { formatDuration } from "./duration";
import { formatDecimalText, formatFixed, formatTemperature } from "./number";

describe("format", () => {
  it("shows Berlin wall-clock dates the German way", () => {
    expect(formatDateTime("de", "2026-11-25T13:03:00Z")).toBe("25.11.2026 14:03");
    expect(formatDateTime("de", "2026-07-01T12:00:00Z")).toBe("01.07.2026 14:00");
  });
  it("formats date and time in the locale's styles, in Berlin time", () => {
    expect(formatDateTimeStyled("de", "2026-11-25T13:03:05Z", "short", "medium")).toBe("25.11.26, 14:03:05");
    expect(formatDateTimeStyled("en", "2026-11-25T13:03:05Z", "long", "short")).toBe("25 November 2026 at 14:03");
  });
  it("formats byte counts in decimal units", () => {
    expect(formatBytes("de", 1_234_567)).toBe("1,2 MB");
    expect(formatBytes("en", 999)).toBe("999 B");
    expect(formatBytes("en", null)).toBe("–");
  });
  it("formats amounts with a fixed number of decimals", () => {
    expect(formatFixed("de", 1234.5, 2)).toBe("1.234,50");
    expect(formatFixed("en", 3, 2)).toBe("3.00");
  });
  it("formats exact decimal strings without losing a digit", () => {
    expect(formatDecimalText("de", "34.12")).toBe("34,12");
    expect(formatDecimalText("de", "1234.5")).toBe("1.234,5");
    expect(formatDecimalText("en", "1234.5")).toBe("1,234.5");
    expect(formatDecimalText("de", "0.955", 2, "EUR")).toBe("0,955\u00a0€");
    expect(formatDecimalText("de", "0.5", 2, "EUR")).toBe("0,50\u00a0€");
    expect(formatDecimalText("de", "90071992547409.93")).toBe("90.071.992.547.409,93");
  });
  it("formats temperatures with a German decimal comma", () => {
    expect(formatTemperature("de", 1234.5)).toBe("1.234,5 °C");
    expect(formatTemperature("en", 212.5)).toBe("212.5 °C");
    expect(formatTemperature("de", null)).toBe("–");
  });
  it("formats durations in hours and minutes", () => {
    expect(formatDuration("en", 2 * 3600 + 5 * 60)).toBe("2h 5m");
    expect(formatDuration("de", 300)).toBe("5 Min.");
    expect(formatDuration("de", 3900)).toBe("1 Std. 5 Min.");
  });
  it("gives the ETA as Berlin time, with the weekday when it is not today", () => {
    const now = new Date("2026-11-25T13:00:00Z");
    expect(formatEta("de", now, 3600)).toBe("15:00");
    expect(formatEta("de", now, 12 * 3600)).toMatch(/^Do\.? 02:00$/);
  });
  it("finds the start of a Berlin day in UTC across DST", () => {
    expect(berlinDayStart("2026-11-25").toISOString()).toBe("2026-11-24T23:00:00.000Z");
    expect(berlinDayStart("2026-07-01").toISOString()).toBe("2026-06-30T22:00:00.000Z");
    expect(berlinDay("2026-11-24T23:30:00Z")).toBe("2026-11-25");
  });
});
