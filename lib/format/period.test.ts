import { describe, expect, it } from "vitest";
import { formatMonth, formatPeriod } from "./period";

describe("report period labels", () => {
  it("names a calendar month, a quarter and a year", () => {
    expect(formatPeriod("de", "2026-03-01", "2026-03-31")).toBe("März 2026");
    expect(formatPeriod("en", "2026-03-01", "2026-03-31")).toBe("March 2026");
    expect(formatPeriod("de", "2028-02-01", "2028-02-29")).toBe("Februar 2028");
    expect(formatPeriod("de", "2026-01-01", "2026-03-31")).toBe("Q1 2026");
    expect(formatPeriod("en", "2026-10-01", "2026-12-31")).toBe("Q4 2026");
    expect(formatPeriod("de", "2026-01-01", "2026-12-31")).toBe("2026");
    expect(formatMonth("de", "2026-12")).toBe("Dezember 2026");
  });

  it("shows any other range as two localized days", () => {
    expect(formatPeriod("de", "2026-03-01", "2026-03-30")).toBe("01.03.2026 – 30.03.2026");
    expect(formatPeriod("en", "2026-03-01", "2026-03-30")).toBe("01/03/2026 – 30/03/2026");
    expect(formatPeriod("de", "2026-02-01", "2026-04-30")).toBe("01.02.2026 – 30.04.2026");
    expect(formatPeriod("de", "2025-12-01", "2026-01-31")).toBe("01.12.2025 – 31.01.2026");
  });
});
