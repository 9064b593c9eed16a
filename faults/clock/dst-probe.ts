/**
 * Run by the dst-clock-jump scenario under several TZ values: drives the worker's real
 * backup schedule (BackupService) over both 2026 DST weekends on a fake clock, with the
 * host clock also jumping by the DST hour; computes the month ranges and a business-hours
 * split over the switch. Prints one JSON line.
 */
import "../harness/quiet";
import { BackupService } from "@/lib/backup/service";
import { berlinDateOf, berlinPeriodRange, berlinToInstant, civilKey, splitByBusinessHours } from "@/lib/business/calendar";
import { installFakeClock } from "./fake-clock";

const HOUR = 3_600_000;

interface Weekend {
  name: string;
  /** Friday noon UTC before the switch. */
  start: string;
  /** The host clock jumps by `jumpMs` at this instant (UTC). */
  jumpAt: string;
  jumpMs: number;
}

const weekends: Weekend[] = [
  { name: "spring", start: "2026-03-27T12:00:00Z", jumpAt: "2026-03-29T00:30:00Z", jumpMs: HOUR },
  { name: "autumn", start: "2026-10-23T12:00:00Z", jumpAt: "2026-10-25T00:45:00Z", jumpMs: -HOUR },
];
const times = ["01:30", "02:30", "03:00", "22:00"];

async function backupsOver(weekend: Weekend, time: string, jump: boolean): Promise<{ runs: number; lost: string[]; doubled: string[] }> {
  const start = new Date(weekend.start);
  const clock = installFakeClock(start);
  const runs: Date[] = [];
  const service = new BackupService({ time, now: clock.now, run: async () => runs.push(clock.now()) });
  try {
    await service.start();
    if (jump) {
      await clock.advance(Date.parse(weekend.jumpAt) - start.getTime());
      clock.jump(weekend.jumpMs);
    }
    const end = start.getTime() + 4 * 24 * HOUR;
    await clock.advance(end - clock.now().getTime());
    await service.stop();
  } finally {
    clock.uninstall();
  }
  const perDay = new Map<string, number>();
  for (const run of runs) perDay.set(civilKey(berlinDateOf(run)), (perDay.get(civilKey(berlinDateOf(run))) ?? 0) + 1);
  // Every Berlin day strictly inside the window must have exactly one backup.
  const lost: string[] = [];
  const doubled: string[] = [];
  const first = berlinDateOf(start);
  for (let d = 1; d <= 3; d++) {
    const day = civilKey(berlinDateOf(new Date(berlinToInstant({ ...first, hour: 12, minute: 0 }).getTime() + d * 24 * HOUR)));
    const count = perDay.get(day) ?? 0;
    if (count === 0) lost.push(`${weekend.name} ${time}${jump ? " (clock jumped)" : ""} ${day}`);
    if (count > 1) doubled.push(`${weekend.name} ${time}${jump ? " (clock jumped)" : ""} ${day} x${count}`);
  }
  return { runs: runs.length, lost, doubled };
}

const lost: string[] = [];
const doubled: string[] = [];
let backups = 0;
for (const weekend of weekends) {
  for (const time of times) {
    for (const jump of [false, true]) {
      const result = await backupsOver(weekend, time, jump);
      backups += result.runs;
      lost.push(...result.lost);
      doubled.push(...result.doubled);
    }
  }
}

const hours = (month: number) => {
  const range = berlinPeriodRange({ year: 2026, month });
  return (range.end.getTime() - range.start.getTime()) / HOUR;
};
// A print from Saturday 20:00 to Monday 10:00 (Berlin) over each switch: 37 and 39 real hours, 2 of them on Monday's business hours.
const split = (from: Date, to: Date) => {
  const s = splitByBusinessHours(from, to);
  return { insideHours: s.insideSeconds / 3600, totalHours: (s.insideSeconds + s.outsideSeconds) / 3600 };
};
const springPrint = split(berlinToInstant({ year: 2026, month: 3, day: 28, hour: 20, minute: 0 }), berlinToInstant({ year: 2026, month: 3, day: 30, hour: 10, minute: 0 }));
const autumnPrint = split(berlinToInstant({ year: 2026, month: 10, day: 24, hour: 20, minute: 0 }), berlinToInstant({ year: 2026, month: 10, day: 26, hour: 10, minute: 0 }));

console.log(
  JSON.stringify({
    checked: weekends.length * times.length * 2 * 3,
    backups,
    lost,
    doubled,
    marchHours: hours(3),
    octoberHours: hours(10),
    springPrint,
    autumnPrint,
  }),
);
