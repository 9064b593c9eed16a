import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Backoff } from "@/lib/util/backoff";
import { defaultBackoff, PushallGate, ReportWatchdog } from "./timing";

describe("backoff", () => {
  it("doubles without jitter and stops at the cap", () => {
    const backoff = new Backoff({ initialMs: 1000, maxMs: 60_000, factor: 2, jitter: 0 });
    const delays = Array.from({ length: 9 }, () => backoff.next());
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });

  it("jitter stays within [base*(1-jitter), base] and never above 60 s", () => {
    for (const r of [0, 0.25, 0.5, 0.999999]) {
      const backoff = new Backoff({ ...defaultBackoff, random: () => r });
      const delays = Array.from({ length: 40 }, () => backoff.next());
      expect(Math.max(...delays)).toBeLessThanOrEqual(60_000);
      expect(delays[0]).toBeGreaterThanOrEqual(500);
      expect(delays[0]).toBeLessThanOrEqual(1000);
      expect(delays[39]).toBeGreaterThanOrEqual(30_000);
    }
  });

  it("jitter actually spreads clients apart", () => {
    const random = vi.fn<() => number>().mockReturnValueOnce(0).mockReturnValueOnce(0.9);
    const a = new Backoff({ ...defaultBackoff, random });
    const b = new Backoff({ ...defaultBackoff, random });
    expect(a.next()).not.toBe(b.next());
  });

  it("reset starts over; huge attempt counts do not overflow", () => {
    const backoff = new Backoff({ initialMs: 1000, maxMs: 60_000, factor: 2, jitter: 0 });
    for (let i = 0; i < 5000; i += 1) backoff.next();
    expect(backoff.next()).toBe(60_000);
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(1000);
  });
});

describe("report watchdog", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function watchdog() {
    const onSilence = vi.fn();
    const onDead = vi.fn();
    const dog = new ReportWatchdog({ silenceMs: 60_000, graceMs: 15_000, onSilence, onDead });
    return { dog, onSilence, onDead };
  }

  it("asks for the full state after 60 s of silence and gives up 15 s later", () => {
    const { dog, onSilence, onDead } = watchdog();
    dog.feed();
    vi.advanceTimersByTime(59_999);
    expect(onSilence).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onSilence).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(14_999);
    expect(onDead).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onDead).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(600_000);
    expect(onSilence).toHaveBeenCalledTimes(1);
    expect(onDead).toHaveBeenCalledTimes(1);
  });

  it("reports keep it quiet", () => {
    const { dog, onSilence, onDead } = watchdog();
    dog.feed();
    for (let i = 0; i < 100; i += 1) {
      vi.advanceTimersByTime(2_000);
      dog.feed();
    }
    expect(onSilence).not.toHaveBeenCalled();
    expect(onDead).not.toHaveBeenCalled();
  });

  it("a report during the grace period rescues the connection", () => {
    const { dog, onSilence, onDead } = watchdog();
    dog.feed();
    vi.advanceTimersByTime(70_000);
    expect(onSilence).toHaveBeenCalledTimes(1);
    dog.feed();
    vi.advanceTimersByTime(20_000);
    expect(onDead).not.toHaveBeenCalled();
  });

  it("stop cancels everything", () => {
    const { dog, onSilence, onDead } = watchdog();
    dog.feed();
    dog.stop();
    vi.advanceTimersByTime(1_000_000);
    expect(onSilence).not.toHaveBeenCalled();
    expect(onDead).not.toHaveBeenCalled();
  });
});

describe("pushall gate", () => {
  it("allows one pushall per 5 minutes unless forced", () => {
    let now = 0;
    const gate = new PushallGate(300_000, () => now);
    expect(gate.tryAcquire(false)).toBe(true);
    now = 299_999;
    expect(gate.tryAcquire(false)).toBe(false);
    expect(gate.tryAcquire(true)).toBe(true);
    now = 299_999 + 300_000;
    expect(gate.tryAcquire(false)).toBe(true);
  });
});
