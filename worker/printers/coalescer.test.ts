import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { emptyState } from "@/lib/printers/types";
import { meaningfulKey, urgentKey } from "./change-key";
import { Coalescer } from "./coalescer";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function recorder() {
  const emitted: { value: number; at: number }[] = [];
  const coalescer = new Coalescer<number>({
    minIntervalMs: 1000,
    urgentIntervalMs: 100,
    emit: async (value) => {
      emitted.push({ value, at: Date.now() });
    },
    onError: () => undefined,
  });
  return { emitted, coalescer };
}

describe("Coalescer", () => {
  it("emits the first value at once and folds a burst into one trailing emission with the newest value", async () => {
    const start = Date.now();
    const { emitted, coalescer } = recorder();
    coalescer.push(1);
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 2; i <= 50; i++) {
      coalescer.push(i);
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(emitted.map((e) => e.value)).toEqual([1, 50]);
    expect(emitted[1].at - start).toBe(1000);
  });

  it("never emits more than once per interval under a steady flood", async () => {
    const { emitted, coalescer } = recorder();
    for (let i = 0; i < 1000; i++) {
      coalescer.push(i);
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(emitted.length).toBeLessThanOrEqual(11);
    for (let i = 1; i < emitted.length; i++) expect(emitted[i].at - emitted[i - 1].at).toBeGreaterThanOrEqual(1000);
    expect(emitted[emitted.length - 1].value).toBe(999);
  });

  it("sends an urgent value after the short interval instead of waiting behind routine telemetry", async () => {
    const start = Date.now();
    const { emitted, coalescer } = recorder();
    coalescer.push(1);
    await vi.advanceTimersByTimeAsync(300);
    coalescer.push(2);
    await vi.advanceTimersByTimeAsync(10);
    coalescer.push(3, true);
    await vi.advanceTimersByTimeAsync(0);
    expect(emitted.map((e) => e.value)).toEqual([1, 3]);
    expect(emitted[1].at - start).toBe(310);
  });

  it("holds an urgent value only for the urgent floor right after an emission, and keeps the urgency while newer values fold in", async () => {
    const start = Date.now();
    const { emitted, coalescer } = recorder();
    coalescer.push(1);
    await vi.advanceTimersByTimeAsync(20);
    coalescer.push(2, true);
    await vi.advanceTimersByTimeAsync(30);
    coalescer.push(3);
    await vi.advanceTimersByTimeAsync(100);
    expect(emitted.map((e) => [e.value, e.at - start])).toEqual([
      [1, 0],
      [3, 100],
    ]);
  });

  it("bounds a printer flapping between urgent states to one emission per urgent interval", async () => {
    const { emitted, coalescer } = recorder();
    for (let i = 0; i < 1000; i++) {
      coalescer.push(i, true);
      await vi.advanceTimersByTimeAsync(1);
    }
    await vi.advanceTimersByTimeAsync(100);
    expect(emitted.length).toBeLessThanOrEqual(11);
    expect(emitted[emitted.length - 1].value).toBe(999);
  });

  it("flush emits what is pending without waiting for the interval", async () => {
    const { emitted, coalescer } = recorder();
    coalescer.push(1);
    coalescer.push(2);
    await coalescer.flush();
    expect(emitted.map((e) => e.value)).toEqual([1, 2]);
  });

  it("passes a failing emission to onError and keeps going", async () => {
    const errors: unknown[] = [];
    let fail = true;
    const values: number[] = [];
    const coalescer = new Coalescer<number>({
      minIntervalMs: 100,
      urgentIntervalMs: 10,
      emit: async (v) => {
        if (fail) throw new Error("database is locked");
        values.push(v);
      },
      onError: (err) => errors.push(err),
    });
    coalescer.push(1);
    await vi.advanceTimersByTimeAsync(0);
    fail = false;
    coalescer.push(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(errors).toHaveLength(1);
    expect(values).toEqual([2]);
  });
});

describe("meaningfulKey", () => {
  const base = { ...emptyState(), online: true, state: "printing" as const, nozzle: { current: 219.6, target: 220 } };

  it("ignores sensor noise and the elapsed-time counter", () => {
    expect(meaningfulKey({ ...base, nozzle: { current: 219.8, target: 220 }, elapsedSeconds: 5 })).toBe(
      meaningfulKey({ ...base, elapsedSeconds: 6 }),
    );
  });

  it("treats state, job, errors and targets as urgent but not drifting readings", () => {
    expect(urgentKey({ ...base, nozzle: { current: 180, target: 220 }, progress: 40, layer: 12, remainingSeconds: 60 })).toBe(urgentKey(base));
    expect(urgentKey({ ...base, state: "paused" })).not.toBe(urgentKey(base));
    expect(urgentKey({ ...base, nozzle: { current: 219.6, target: 0 } })).not.toBe(urgentKey(base));
    expect(urgentKey({ ...base, developerModeRequired: true })).not.toBe(urgentKey(base));
  });

  it("sees a real change", () => {
    expect(meaningfulKey({ ...base, nozzle: { current: 225, target: 220 } })).not.toBe(meaningfulKey(base));
    expect(meaningfulKey({ ...base, state: "paused" })).not.toBe(meaningfulKey(base));
    expect(meaningfulKey({ ...base, progress: 12 })).not.toBe(meaningfulKey({ ...base, progress: 11 }));
  });
});
