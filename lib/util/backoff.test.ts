import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff";

describe("backoffDelay", () => {
  const options = { initialMs: 5_000, maxMs: 120_000, factor: 2, jitter: 0.5 };

  it("spans the upper part of each step: random 0 gives the low end, 1 the full step", () => {
    expect([0, 1, 2, 5].map((attempt) => backoffDelay(attempt, options, () => 0))).toEqual([2_500, 5_000, 10_000, 60_000]);
    expect([0, 1, 2, 5].map((attempt) => backoffDelay(attempt, options, () => 1))).toEqual([5_000, 10_000, 20_000, 120_000]);
  });

  it("never exceeds the cap, whatever the attempt count", () => {
    expect(backoffDelay(10_000, options, () => 1)).toBe(120_000);
    expect(backoffDelay(-3, { ...options, jitter: 0 })).toBe(5_000);
  });
});
