import { describe, expect, it } from "vitest";
import { normalizedStateSchema } from "@/lib/printers/types";
import type { JobContext } from "./job-tracker";
import { mapReport, type MappingContext } from "./mapping";
import type { BambuModel } from "./models";
import { printReportSchema, reportEnvelopeSchema, type PrintReport } from "./schemas";
import { fixture, loadFixtures } from "@/testing/printers/bambu/fixtures";

const now = Date.UTC(2026, 5, 1, 12, 0, 0);
const noJob: JobContext = { startedAt: null, endedAt: null, firstSeenAt: null, outcome: null };

function context(model: BambuModel, overrides: Partial<MappingContext> = {}): MappingContext {
  return { now, model, firmware: null, job: noJob, developerModeRejected: false, ...overrides };
}

function reportOf(name: string): PrintReport {
  const print = reportEnvelopeSchema.parse(fixture(name).json).print;
  if (!print) throw new Error(`${name} has no print member`);
  return print;
}

function map(name: string, overrides: Partial<MappingContext> = {}) {
  const f = fixture(name);
  return mapReport(reportOf(name), context(f.model, overrides));
}

describe("mapping of recorded snapshots", () => {
  const snapshots = loadFixtures().filter((f) => /pushall/.test(f.name));

  it.each(snapshots.map((f) => [f.name] as const))("%s matches its stored snapshot", (name) => {
    const state = map(name);
    expect(normalizedStateSchema.safeParse(state).success).toBe(true);
    expect(state).toMatchSnapshot();
  });

  it("A1 idle: AMS lite trays, no job, light off, no chamber sensor", () => {
    const state = map("a1-pushall-idle.json");
    expect(state).toMatchObject({
      online: true,
      state: "idle",
      nozzle: { current: 27.8125, target: 0 },
      bed: { current: 29.75, target: 0 },
      chamber: { current: null, target: null },
      progress: null,
      jobName: null,
      printerJobId: null,
      lightOn: false,
      developerModeRequired: false,
      errors: [],
    });
    expect(state?.filament.map((slot) => slot.id)).toEqual(["ams0-tray0", "ams0-tray1", "ams0-tray2", "ams0-tray3", "ext"]);
    expect(state?.filament[0]).toEqual({ id: "ams0-tray0", type: "PLA", color: "#76D9F4", remainingPercent: null, active: false });
  });

  it("A1 mini: the AMS lite's remain 0 is not reported as empty spools", () => {
    const state = map("a1mini-pushall-idle.json");
    expect(state?.filament.every((slot) => slot.remainingPercent === null)).toBe(true);
    expect(state?.filament.find((slot) => slot.id === "ams0-tray2")?.color).toBe("#D6ABFF");
  });

  it("P1P FAILED with print_error 0 and no history is failed, not cancelled", () => {
    const state = map("p1p-pushall-failed.json");
    expect(state).toMatchObject({ state: "failed", layer: 1, totalLayers: 70, progress: 0, remainingSeconds: null, jobName: "Fidget Collection" });
    expect(state?.filament.every((slot) => slot.remainingPercent === null)).toBe(true);
    expect(state?.filament.find((slot) => slot.active)?.id).toBe("ams0-tray0");
    expect(state?.printerJobId).toMatch(/^local-[0-9a-f]{16}$/);
  });

  it("FAILED after our stop or with a cancel code is cancelled", () => {
    const base = reportOf("p1p-pushall-failed.json");
    const afterStop = { ...noJob, outcome: "cancelled" as const };
    expect(mapReport(base, context("P1P", { job: afterStop }))?.state).toBe("cancelled");
    expect(mapReport({ ...base, print_error: 0x0300400c }, context("P1P"))?.state).toBe("cancelled");
    expect(mapReport({ ...base, fail_reason: "50348044" }, context("P1P"))?.state).toBe("cancelled");
    expect(mapReport({ ...base, print_error: 0x0300400c }, context("P1P"))?.errors[0]).toMatchObject({
      code: "0x0300400C",
      messageKey: "bambu.printCancelled",
      severity: "info",
    });
    expect(mapReport({ ...base, print_error: 0x03004002 }, context("P1P"))?.state).toBe("failed");
  });

  it("P1P without AMS: external spool active, cloud task id", () => {
    const state = map("p1p-pushall-finish-noams.json");
    expect(state).toMatchObject({ state: "finished", progress: 100, layer: 124, totalLayers: 124, remainingSeconds: 0, printerJobId: "715417865", lightOn: true });
    expect(state?.filament).toEqual([{ id: "ext", type: "PETG", color: "#BCBCBC", remainingPercent: null, active: true }]);
  });

  it("X1 running: layers, minutes to seconds, HMS decoded with key", () => {
    const state = map("x1-pushall-running.json");
    expect(state).toMatchObject({
      state: "printing",
      progress: 22,
      layer: 2,
      totalLayers: 37,
      remainingSeconds: 163 * 60,
      jobName: "CyberBrick Gridfinity Organizer Box",
      fileName: "/data/Metadata/plate_2.gcode",
      printerJobId: "724977923",
      chamber: { current: 36, target: null },
      nozzle: { current: 219, target: 220 },
    });
    expect(state?.errors).toEqual([{ code: "HMS_0C00_0300_0003_0007", messageKey: "bambu.firstLayerDefects", text: null, severity: "warning" }]);
    expect(state?.filament.find((slot) => slot.active)).toMatchObject({ id: "ams128-tray0", type: "PLA", remainingPercent: 65 });
  });

  it("X1C with 2 AMS + AMS HT: empty slot, chamber from device.ctc, fun bit", () => {
    const state = map("x1c-pushall-finish-multiams.json");
    expect(state?.filament).toHaveLength(14);
    expect(state?.filament.find((slot) => slot.id === "ams2-tray0")).toEqual({ id: "ams2-tray0", type: null, color: null, remainingPercent: null, active: false });
    expect(state?.filament.find((slot) => slot.id === "ext")).toMatchObject({ type: null, color: null });
    expect(state?.chamber.current).toBe(25);
    expect(state?.developerModeRequired).toBe(true);
  });

  it("A1 mini finish (trimmed payload) maps without the keys it lacks", () => {
    const state = map("unattributed/a1mini-pushall-finish-trimmed.json");
    expect(state).toMatchObject({ state: "finished", layer: 168, totalLayers: 168, errors: [], jobName: "Silksong_Cog_Fly_-_Articulated_Wings_+_Head.gcode.3mf" });
    expect(state?.filament).toEqual([{ id: "ext", type: "PLA", color: "#5A657B", remainingPercent: null, active: true }]);
  });
});

describe("mapping rules", () => {
  const running = reportOf("x1-pushall-running.json");

  it("filament runout delta: paused with the runout key", () => {
    const report = printReportSchema.parse({ ...running, ...reportOf("unattributed/a1-delta-pause-filament-runout.json") });
    const state = mapReport(report, context("A1"));
    expect(state?.state).toBe("paused");
    expect(state?.errors[0]).toEqual({ code: "0x03008015", messageKey: "bambu.filamentRunout", text: null, severity: "warning" });
  });

  it.each([
    ["IDLE", "idle"],
    ["PREPARE", "preparing"],
    ["SLICING", "preparing"],
    ["RUNNING", "printing"],
    ["PAUSE", "paused"],
    ["FINISH", "finished"],
    ["FAILED", "failed"],
    ["INIT", "idle"],
    ["SOMETHING_NEW", "error"],
  ])("gcode_state %s -> %s", (gcodeState, expected) => {
    expect(mapReport({ ...running, gcode_state: gcodeState }, context("X1C"))?.state).toBe(expected);
  });

  it("no gcode_state yet: no state at all", () => {
    expect(mapReport({ bed_temper: 12 }, context("P1S"))).toBeNull();
  });

  it("unknown HMS codes are passed on as the bare code", () => {
    const state = mapReport({ ...running, hms: [{ attr: 0x05000400, code: 0x00020001 }] }, context("X1C"));
    expect(state?.errors).toEqual([{ code: "HMS_0500_0400_0002_0001", messageKey: null, text: null, severity: "error" }]);
  });

  it("developer mode bit from fun", () => {
    expect(mapReport({ ...running, fun: "20000000" }, context("A1"))?.developerModeRequired).toBe(true);
    expect(mapReport({ ...running, fun: "1FFFFFFF" }, context("A1"))?.developerModeRequired).toBe(false);
    expect(mapReport({ ...running, fun: "not hex" }, context("A1"))?.developerModeRequired).toBe(false);
    expect(mapReport({ ...running, fun: "0" }, context("A1", { developerModeRejected: true }))?.developerModeRequired).toBe(true);
  });

  it("elapsed time from gcode_start_time, else from when we saw the job start", () => {
    const started = now - 600_000;
    expect(mapReport({ ...running, gcode_start_time: String(started / 1000) }, context("X1C"))?.elapsedSeconds).toBe(600);
    expect(mapReport(running, context("X1C", { job: { ...noJob, startedAt: started } }))?.elapsedSeconds).toBe(600);
    expect(mapReport(running, context("X1C"))?.elapsedSeconds).toBeNull();
    const finished = { ...noJob, startedAt: started, endedAt: started + 300_000 };
    expect(mapReport({ ...running, gcode_state: "FINISH" }, context("X1C", { job: finished }))?.elapsedSeconds).toBe(300);
  });

  it("the local job id is stable for one job and differs between jobs", () => {
    const lan = { ...running, task_id: "0", subtask_id: "0" };
    const job = { ...noJob, firstSeenAt: 1000 };
    const a = mapReport(lan, context("X1C", { job }))?.printerJobId;
    const b = mapReport({ ...lan, mc_percent: 50 }, context("X1C", { job, now: now + 60_000 }))?.printerJobId;
    const c = mapReport(lan, context("X1C", { job: { ...noJob, firstSeenAt: 2000 } }))?.printerJobId;
    expect(a).toMatch(/^local-/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it("absurd values become null instead of leaking into the UI", () => {
    const state = mapReport(
      { ...running, mc_percent: 1e300, layer_num: 2.5, total_layer_num: -3, nozzle_temper: 1e9, mc_remaining_time: -1 },
      context("X1C"),
    );
    expect(state).toMatchObject({ progress: null, layer: null, totalLayers: null, nozzle: { current: null }, remainingSeconds: null });
    expect(normalizedStateSchema.safeParse(state).success).toBe(true);
  });

  it("nozzle diameter: the reported string as mm, missing or garbage unknown", () => {
    expect(mapReport({ ...running, nozzle_diameter: "0.6" }, context("X1C"))?.nozzleDiameterMm).toBe(0.6);
    for (const garbage of [undefined, "", "abc", "0", "-0.4", "40", { mm: 0.4 }]) {
      expect(mapReport({ ...running, nozzle_diameter: garbage }, context("X1C"))?.nozzleDiameterMm).toBeNull();
    }
  });
});
