import { describe, expect, it } from "vitest";
import { overdueBackupAt } from "./overdue";

const at = (iso: string) => new Date(iso);

describe("overdueBackupAt", () => {
  it("owes nothing minutes after installing", () => {
    expect(overdueBackupAt({ time: "02:30", lastSuccessAt: null, installedAt: at("2026-12-07T09:00:00Z"), now: at("2026-12-07T09:03:00Z") })).toBeNull();
  });

  it("reports the first scheduled time after installing once it has passed without a backup", () => {
    const due = overdueBackupAt({ time: "02:30", lastSuccessAt: null, installedAt: at("2026-12-07T09:00:00Z"), now: at("2026-12-08T09:00:00Z") });
    expect(due?.toISOString()).toBe("2026-12-08T01:30:00.000Z");
  });

  it("allows the scheduled run an hour before counting it as missing", () => {
    const input = { time: "02:30", lastSuccessAt: null, installedAt: at("2026-12-07T09:00:00Z") };
    expect(overdueBackupAt({ ...input, now: at("2026-12-08T02:00:00Z") })).toBeNull();
    expect(overdueBackupAt({ ...input, now: at("2026-12-08T02:31:00Z") })).not.toBeNull();
  });

  it("is quiet while the last success is newer than the last scheduled time", () => {
    expect(overdueBackupAt({ time: "02:30", lastSuccessAt: at("2026-12-08T01:31:00Z"), installedAt: at("2026-01-01T00:00:00Z"), now: at("2026-12-08T20:00:00Z") })).toBeNull();
  });

  it("reports the missed night after the last success", () => {
    const due = overdueBackupAt({ time: "02:30", lastSuccessAt: at("2026-12-06T01:31:00Z"), installedAt: at("2026-01-01T00:00:00Z"), now: at("2026-12-07T12:00:00Z") });
    expect(due?.toISOString()).toBe("2026-12-07T01:30:00.000Z");
  });

  it("owes nothing when scheduled backups are off", () => {
    expect(overdueBackupAt({ time: "off", lastSuccessAt: null, installedAt: at("2020-01-01T00:00:00Z"), now: at("2026-12-07T12:00:00Z") })).toBeNull();
  });
});
