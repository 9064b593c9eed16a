import { describe, expect, it } from "vitest";
import { createPrinterCore } from "./printer-core";
import { type PrintJob, cancelledPrintError, defaultFailurePrintError } from "./printer-model";

const job: PrintJob = {
  storagePath: "/cache/Box.gcode.3mf",
  subtaskName: "Box",
  plate: 1,
  nominalSeconds: 3600,
  totalLayers: 200,
  nozzleTarget: 220,
  bedTarget: 60,
  filamentGrams: 40,
  taskId: "0",
  subtaskId: "0",
  projectId: "0",
  profileId: "0",
  trayNow: "1",
};

function printer(model: "A1" | "P1S" | "X1C" = "A1", printSeconds: number | null = 100) {
  return createPrinterCore(model, "SERIAL1", { prepareSeconds: 10, printSeconds, timeScale: 1 }).model;
}

describe("print job life", () => {
  it("goes IDLE -> PREPARE -> RUNNING -> FINISH with progress, layers and remaining time", () => {
    const p = printer();
    expect(p.gcodeState).toBe("IDLE");
    expect(p.start(job)).toEqual({ ok: true });
    expect(p.gcodeState).toBe("PREPARE");
    expect(p.view().remainingMinutes).toBe(60);
    p.advance(9);
    expect(p.gcodeState).toBe("PREPARE");
    expect(p.view().preparePercent).toBe(100);
    p.advance(1);
    expect(p.gcodeState).toBe("RUNNING");
    p.advance(25);
    const quarter = p.view();
    expect(quarter.percent).toBe(25);
    expect(quarter.layer).toBe(51);
    expect(quarter.remainingMinutes).toBe(45);
    p.advance(75);
    const done = p.view();
    expect(done.gcodeState).toBe("FINISH");
    expect(done.percent).toBe(100);
    expect(done.layer).toBe(200);
    expect(done.remainingMinutes).toBe(0);
    expect(done.nozzleTarget).toBe(0);
    expect(done.job?.subtaskName).toBe("Box");
    expect(done.consumedGrams.get("1")).toBeCloseTo(40, 5);
  });

  it("pauses and resumes without losing progress", () => {
    const p = printer();
    p.start(job);
    p.advance(30);
    expect(p.pause()).toEqual({ ok: true });
    const paused = p.view();
    expect(paused.gcodeState).toBe("PAUSE");
    expect(paused.printStage).toBe("3");
    p.advance(50);
    expect(p.view().percent).toBe(paused.percent);
    expect(p.resume()).toEqual({ ok: true });
    expect(p.gcodeState).toBe("RUNNING");
    p.advance(10);
    expect(p.view().percent).toBe(paused.percent + 10);
  });

  it("refuses pause when idle and resume when not paused", () => {
    const p = printer();
    expect(p.pause().ok).toBe(false);
    expect(p.resume().ok).toBe(false);
  });

  it("ends a stopped print in FAILED with the cancelled print_error, like the printer", () => {
    const p = printer();
    p.start(job);
    p.advance(20);
    expect(p.stop()).toEqual({ ok: true });
    const view = p.view();
    expect(view.gcodeState).toBe("FAILED");
    expect(view.printError).toBe(cancelledPrintError);
    expect(view.nozzleTarget).toBe(0);
    expect(view.bedTarget).toBe(0);
  });

  it("refuses a new start while busy and accepts one after FINISH or FAILED", () => {
    const p = printer();
    p.start(job);
    expect(p.start(job)).toEqual({ ok: false, reason: "printer is busy (PREPARE)" });
    p.stop();
    expect(p.start(job).ok).toBe(true);
    p.advance(200);
    expect(p.gcodeState).toBe("FINISH");
    expect(p.start(job).ok).toBe(true);
  });

  it("pauses on filament runout with the model's print_error and an HMS entry; resume clears them", () => {
    const a1 = printer("A1");
    a1.start(job);
    a1.advance(20);
    expect(a1.runout()).toEqual({ ok: true });
    const view = a1.view();
    expect(view.gcodeState).toBe("PAUSE");
    expect(view.printError).toBe(0x03008015);
    expect(view.hms).toHaveLength(1);
    expect(view.filamentLoaded).toBe(false);
    expect(view.currentStage).toBe(6);
    a1.resume();
    expect(a1.view().printError).toBe(0);
    expect(a1.view().hms).toEqual([]);
    const p1s = printer("P1S");
    p1s.start(job);
    p1s.advance(20);
    p1s.runout();
    expect(p1s.view().printError).toBe(0x03008004);
  });

  it("fails a print with the given print_error", () => {
    const p = printer();
    expect(p.fail(defaultFailurePrintError, []).ok).toBe(false);
    p.start(job);
    p.advance(30);
    expect(p.fail(0x0c008009, [{ attr: 0x0c000300, code: 0x00030007 }])).toEqual({ ok: true });
    expect(p.view().gcodeState).toBe("FAILED");
    expect(p.view().printError).toBe(0x0c008009);
  });

  it("the file's prediction sets the duration when printSeconds is not given", () => {
    const p = printer("A1", null);
    p.start({ ...job, nominalSeconds: 60 });
    p.advance(10);
    p.advance(59);
    expect(p.gcodeState).toBe("RUNNING");
    p.advance(2);
    expect(p.gcodeState).toBe("FINISH");
  });

  it("print speed changes how fast the job progresses", () => {
    const p = printer();
    p.start(job);
    p.advance(10);
    expect(p.setSpeedLevel(4).ok).toBe(true);
    p.advance(10);
    expect(p.view().percent).toBe(16);
    expect(p.setSpeedLevel(9).ok).toBe(false);
  });
});

describe("temperatures", () => {
  it("heat toward the target with a first-order lag and hold there", () => {
    const p = printer();
    const start = p.view().nozzleTemp;
    p.start(job);
    p.advance(12);
    const oneTau = p.view().nozzleTemp;
    // After one time constant (12 s) a first-order system covers 63 % of the step.
    expect((oneTau - start) / (220 - start)).toBeCloseTo(1 - Math.exp(-1), 2);
    p.advance(120);
    expect(p.view().nozzleTemp).toBeCloseTo(220, 1);
    expect(p.view().bedTemp).toBeGreaterThan(55);
  });

  it("cool down slowly after the print", () => {
    const p = printer();
    p.start(job);
    p.advance(200);
    expect(p.gcodeState).toBe("FINISH");
    const hot = p.view().nozzleTemp;
    p.advance(10);
    const later = p.view().nozzleTemp;
    expect(later).toBeLessThan(hot);
    expect(later).toBeGreaterThan(hot - 60);
  });

  it("an overheating nozzle climbs far above its target until stopped", () => {
    const p = printer();
    p.start(job);
    p.advance(120);
    p.overheat();
    p.advance(60);
    expect(p.view().nozzleTemp).toBeGreaterThan(300);
    p.stop();
    p.advance(60);
    expect(p.view().nozzleTemp).toBeLessThan(300);
  });

  it("X1 chamber warms with the bed; A1 reports its constant", () => {
    const x1 = printer("X1C");
    const before = x1.view().chamberTemp;
    x1.start(job);
    x1.advance(600);
    expect(x1.view().chamberTemp).toBeGreaterThan(before + 3);
    const a1 = printer("A1");
    a1.start(job);
    a1.advance(600);
    expect(a1.view().chamberTemp).toBe(5);
  });

  it("gcode_line sets targets and fans", () => {
    const p = printer();
    p.gcode("M140 S55\nM104 S200 ; preheat\nM106 P1 S128\n");
    const view = p.view();
    expect(view.bedTarget).toBe(55);
    expect(view.nozzleTarget).toBe(200);
    expect(view.fans.cooling).toBe(8);
    p.gcode("M107");
    expect(p.view().fans.cooling).toBe(0);
  });
});
