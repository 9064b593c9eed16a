import { describe, expect, it } from "vitest";
import { emptyState, type NormalizedState } from "@/lib/printers/types";
import { emptyMemory, evaluateRules, type RuleMemory, type RuleSettings } from "./rules";
import { alertSettingsSchema } from "./settings";

const settings: RuleSettings = alertSettingsSchema.parse({});
const online: NormalizedState = { ...emptyState(), online: true, state: "printing" };

function heated(nozzle: number, nozzleTarget: number, bed = 60, bedTarget = 60): NormalizedState {
  return { ...online, nozzle: { current: nozzle, target: nozzleTarget }, bed: { current: bed, target: bedTarget } };
}

/** Runs the rules over a timeline of [ms, state] and returns the active types after each step. */
function timeline(steps: [number, NormalizedState, { jobOpen?: boolean }?][], s: RuleSettings = settings) {
  let memory: RuleMemory = emptyMemory();
  return steps.map(([now, state, extra]) => {
    const result = evaluateRules({ state, now, jobOpen: extra?.jobOpen ?? false, connectionProblem: null }, memory, s);
    memory = result.memory;
    return result.active;
  });
}

describe("overheat", () => {
  it("is raised at once above the absolute limit, and ends only below it by the hysteresis", () => {
    const [hot, still, cooled] = timeline([
      [0, heated(305, 220)],
      [1000, heated(297, 220)],
      [2000, heated(290, 220)],
    ]);
    expect(hot.get("overheat")).toMatchObject({ heater: "nozzle", current: 305, limit: 300 });
    expect(still.has("overheat")).toBe(true);
    expect(cooled.has("overheat")).toBe(false);
  });

  it("is raised far above a target the heater has held, not while it cools after the target was lowered", () => {
    const steps = timeline([
      [0, heated(220, 220)],
      [100_000, heated(221, 220)],
      [101_000, heated(250, 220)],
      [102_000, heated(250, 200)],
      [150_000, heated(230, 200)],
    ]);
    expect(steps[1].has("overheat")).toBe(false);
    expect(steps[2].get("overheat")).toMatchObject({ heater: "nozzle", limit: 240 });
    expect(steps[3].has("overheat")).toBe(false);
    expect(steps[4].has("overheat")).toBe(false);
  });

  it("watches the bed as well", () => {
    const [bed] = timeline([[0, heated(200, 200, 130, 60)]]);
    expect(bed.get("overheat")).toMatchObject({ heater: "bed", limit: 120 });
  });
});

describe("heating timeout", () => {
  const s = { ...settings, heatingTimeoutSeconds: 600 };

  it("is raised when a heater has not reached its target in time, and ends when it does", () => {
    const steps = timeline(
      [
        [0, heated(25, 220)],
        [599_000, heated(150, 220)],
        [601_000, heated(160, 220)],
        [700_000, heated(218, 220)],
      ],
      s,
    );
    expect(steps[1].has("heating_timeout")).toBe(false);
    expect(steps[2].get("heating_timeout")).toMatchObject({ heater: "nozzle", target: 220, minutes: 10 });
    expect(steps[3].has("heating_timeout")).toBe(false);
  });

  it("starts over when the target changes and ignores dips after the target was reached", () => {
    const steps = timeline(
      [
        [0, heated(25, 220)],
        [300_000, heated(219, 220)],
        [1_000_000, heated(200, 220)],
        [1_100_000, heated(200, 250)],
        [1_600_000, heated(240, 250)],
      ],
      s,
    );
    expect(steps.map((a) => a.has("heating_timeout"))).toEqual([false, false, false, false, false]);
  });
});

describe("offline while printing", () => {
  const offline: NormalizedState = { ...emptyState(), online: false, state: "offline" };

  it("needs an open job and the grace period", () => {
    const steps = timeline([
      [0, offline, { jobOpen: true }],
      [59_000, offline, { jobOpen: true }],
      [61_000, offline, { jobOpen: true }],
      [62_000, online, { jobOpen: true }],
    ]);
    expect(steps.map((a) => a.has("offline_while_printing"))).toEqual([false, false, true, false]);
    expect(timeline([[0, offline], [120_000, offline]])[1].has("offline_while_printing")).toBe(false);
  });
});

describe("printer errors, developer mode and connection problems", () => {
  it("maps runout keys to filament_runout and PrusaLink ATTENTION to attention", () => {
    const runout = { ...online, state: "paused" as const, errors: [{ code: "0x03008015", messageKey: "bambu.filamentRunout", text: null, severity: "warning" as const }] };
    const attention = { ...online, state: "paused" as const, errors: [{ code: "ATTENTION", messageKey: "prusalink.attention", text: null, severity: "warning" as const }] };
    expect(timeline([[0, runout]])[0].has("filament_runout")).toBe(true);
    expect(timeline([[0, attention]])[0].has("attention")).toBe(true);
    expect(timeline([[0, attention]])[0].has("filament_runout")).toBe(false);
  });

  it("raises developer_mode from the state flag and connection_error from an auth failure", () => {
    expect(timeline([[0, { ...online, developerModeRequired: true }]])[0].has("developer_mode")).toBe(true);
    const { active } = evaluateRules(
      { state: { ...emptyState() }, now: 0, jobOpen: false, connectionProblem: { kind: "auth", stage: "auth", messageKey: "bambu.failure.auth" } },
      emptyMemory(),
      settings,
    );
    expect(active.get("connection_error")).toEqual({ stage: "auth", messageKey: "bambu.failure.auth" });
  });
});
