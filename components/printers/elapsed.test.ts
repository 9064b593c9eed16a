import { describe, expect, it } from "vitest";
import { elapsedSecondsOf } from "./elapsed";

const now = new Date("2026-12-07T10:00:00Z");

describe("elapsedSecondsOf", () => {
  it("prefers what the printer reports", () => {
    expect(elapsedSecondsOf(120, "2026-12-07T09:00:00Z", now)).toBe(120);
  });

  it("counts from the job's start when the printer reports nothing", () => {
    expect(elapsedSecondsOf(null, "2026-12-07T09:30:00Z", now)).toBe(1800);
  });

  it("never reads negative for a start slightly in the future", () => {
    expect(elapsedSecondsOf(null, "2026-12-07T10:00:02Z", now)).toBe(0);
  });

  it("is unknown without a start or before the browser's clock is read", () => {
    expect(elapsedSecondsOf(null, null, now)).toBeNull();
    expect(elapsedSecondsOf(null, "2026-12-07T09:30:00Z", null)).toBeNull();
  });
});
