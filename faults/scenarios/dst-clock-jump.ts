import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { z } from "zod";
import { root } from "../harness/processes";
import { outcome, type FaultScenario } from "../harness/scenario";

const run = promisify(execFile);

const probeResult = z.object({
  checked: z.number(),
  backups: z.number(),
  lost: z.array(z.string()),
  doubled: z.array(z.string()),
  marchHours: z.number(),
  octoberHours: z.number(),
  springPrint: z.object({ insideHours: z.number(), totalHours: z.number() }),
  autumnPrint: z.object({ insideHours: z.number(), totalHours: z.number() }),
});

/** Host time zones the probe runs under: the answers are Berlin's whatever the host says. */
const zones = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"];

/**
 * Both 2026 DST weekends on a fake clock (faults/clock/dst-probe.ts): the worker's daily
 * backup at times in the skipped and the repeated hour, with and without the host clock
 * jumping by an hour; the month ranges of March and October; a print's business-hours
 * split across each switch. Run under four host time zones with the same answers.
 */
export const dstClockJump: FaultScenario = {
  name: "dst-clock-jump",
  mustHold: "over both DST switches (and a host clock jumping an hour) one backup per Berlin day, months of 743/745 h, print hours counted as really elapsed; same under every host TZ",
  async run(ctx) {
    const results = await Promise.all(
      zones.map(async (zone) => {
        const { stdout } = await run(process.execPath, ["--import", "tsx", "faults/clock/dst-probe.ts"], {
          cwd: root,
          env: { ...process.env, TZ: zone, PRINTERNIZER_DATA_DIR: ctx.dir },
        });
        return probeResult.parse(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}"));
      }),
    );
    const [first] = results;
    const same = results.every((r) => JSON.stringify(r) === JSON.stringify(first));
    const lost = results.reduce((n, r) => n + r.lost.length, 0);
    const doubled = results.reduce((n, r) => n + r.doubled.length, 0);
    const right =
      first.marchHours === 743 &&
      first.octoberHours === 745 &&
      first.springPrint.totalHours === 37 &&
      first.autumnPrint.totalHours === 39 &&
      first.springPrint.insideHours === 2 &&
      first.autumnPrint.insideHours === 2;
    const problems = [...new Set(results.flatMap((r) => [...r.lost, ...r.doubled]))].slice(0, 3).join("; ");
    return outcome(
      same && right,
      `${first.checked} Berlin days checked, one backup each (${first.backups} backups in all), in ${zones.length} host TZs (${same ? "identical" : "DIFFERENT"}); March ${first.marchHours} h, October ${first.octoberHours} h; prints over the switches ${first.springPrint.totalHours} h and ${first.autumnPrint.totalHours} h, ${first.springPrint.insideHours} h in business hours${problems ? `; ${problems}` : ""}`,
      lost,
      doubled,
    );
  },
};
