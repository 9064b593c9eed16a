import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { withTimeout } from "./with-timeout";

describe("withTimeout", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("passes the value through and leaves no timer behind", async () => {
    await expect(withTimeout(Promise.resolve(7), 1_000, () => new Error("late"))).resolves.toBe(7);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects with the caller's error once the time is up", async () => {
    const pending = withTimeout(new Promise<never>(() => undefined), 1_000, () => new Error("late"));
    const assertion = expect(pending).rejects.toThrow("late");
    await vi.advanceTimersByTimeAsync(1_000);
    await assertion;
  });

  it("passes the promise's own rejection through", async () => {
    await expect(withTimeout(Promise.reject(new Error("boom")), 1_000, () => new Error("late"))).rejects.toThrow("boom");
  });
});
