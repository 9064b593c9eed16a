import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_BUSINESS_HOURS } from "@/lib/business/calendar";
import { nextBackupAt } from "./schedule";
import { BackupService } from "./service";

vi.mock("./state", () => ({ readBackupState: async () => ({ lastSuccess: null, lastAttemptAt: null, lastError: null }) }));

describe("nextBackupAt", () => {
  it("is 02:30 Berlin, today if still ahead, else tomorrow, in winter and in summer", () => {
    expect(nextBackupAt(new Date("2026-11-25T00:00:00Z"), "02:30").toISOString()).toBe("2026-11-25T01:30:00.000Z");
    expect(nextBackupAt(new Date("2026-11-25T01:30:00Z"), "02:30").toISOString()).toBe("2026-11-26T01:30:00.000Z");
    expect(nextBackupAt(new Date("2026-07-01T12:00:00Z"), "02:30").toISOString()).toBe("2026-07-02T00:30:00.000Z");
  });

  it("moves a configured time inside business hours to the next closing", () => {
    // Wednesday 2026-11-25, 12:00 Berlin is business time with the default hours.
    const at = nextBackupAt(new Date("2026-11-25T05:00:00Z"), "12:00", DEFAULT_BUSINESS_HOURS);
    expect(at.getTime()).toBeGreaterThan(Date.parse("2026-11-25T11:00:00Z"));
    expect(at.toISOString().slice(0, 10)).toBe("2026-11-25");
  });
});

describe("BackupService", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs at the scheduled time and again a day later, never before", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-25T00:00:00Z") });
    const runs: string[] = [];
    const service = new BackupService({ time: "02:30", run: async () => runs.push(new Date().toISOString()) });
    await service.start();
    expect(service.nextRunAt?.toISOString()).toBe("2026-11-25T01:30:00.000Z");
    await vi.advanceTimersByTimeAsync(89 * 60_000);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(runs).toEqual(["2026-11-25T01:30:00.000Z"]);
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(runs).toEqual(["2026-11-25T01:30:00.000Z", "2026-11-26T01:30:00.000Z"]);
    await service.stop();
    await vi.advanceTimersByTimeAsync(48 * 3_600_000);
    expect(runs).toHaveLength(2);
  });

  it("does nothing when switched off", async () => {
    const service = new BackupService({ time: "off", run: async () => undefined });
    await service.start();
    expect(service.nextRunAt).toBeNull();
    await service.stop();
  });
});
