import { describe, expect, it } from "vitest";
import { backupsToKeep, DEFAULT_RETENTION, type BackupEntry } from "./retention";

/** One backup a day at 02:30 Berlin (01:30 UTC in winter, 00:30 in summer), for `days` days up to `last`. */
function daily(last: Date, days: number): BackupEntry[] {
  return Array.from({ length: days }, (_, i) => {
    const at = new Date(last.getTime() - i * 86_400_000);
    return { name: at.toISOString(), at };
  });
}

describe("backupsToKeep", () => {
  it("keeps 7 daily, 4 weekly and 12 monthly backups out of a year of dailies", () => {
    const all = daily(new Date("2026-11-25T01:30:00Z"), 400);
    const keep = [...backupsToKeep(all, DEFAULT_RETENTION)].sort().reverse();
    const days = keep.map((name) => name.slice(0, 10));
    expect(days.slice(0, 7)).toEqual(["2026-11-25", "2026-11-24", "2026-11-23", "2026-11-22", "2026-11-21", "2026-11-20", "2026-11-19"]);
    // Newest of each ISO week: Sundays (Nov 22 already daily), Nov 15, Nov 8; the current week's newest is Nov 25.
    expect(days).toEqual(expect.arrayContaining(["2026-11-15", "2026-11-08"]));
    // Newest of each month: month ends, back to December 2025.
    expect(days).toEqual(expect.arrayContaining(["2026-10-31", "2026-09-30", "2026-01-31", "2025-12-31"]));
    expect(days).not.toContain("2025-11-30");
    expect(keep.length).toBe(7 + 2 + 11);
  });

  it("groups by the Berlin day, not the UTC day", () => {
    const late = { name: "late", at: new Date("2026-11-24T23:30:00Z") }; // 00:30 on the 25th in Berlin
    const early = { name: "early", at: new Date("2026-11-24T22:30:00Z") }; // 23:30 on the 24th in Berlin
    const earlier = { name: "earlier", at: new Date("2026-11-24T10:00:00Z") };
    expect(backupsToKeep([late, early, earlier], { daily: 2, weekly: 0, monthly: 0 })).toEqual(new Set(["late", "early"]));
  });

  it("always keeps the newest and counts periods that have a backup", () => {
    const gap = [
      { name: "new", at: new Date("2026-11-25T01:30:00Z") },
      { name: "old", at: new Date("2026-06-01T01:30:00Z") },
    ];
    expect(backupsToKeep(gap, { daily: 2, weekly: 0, monthly: 0 })).toEqual(new Set(["new", "old"]));
    expect(backupsToKeep(gap, { daily: 1, weekly: 0, monthly: 0 })).toEqual(new Set(["new"]));
    expect(backupsToKeep([], DEFAULT_RETENTION).size).toBe(0);
  });
});
