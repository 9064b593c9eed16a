import { describe, expect, it } from "vitest";
import type { PrintFileRef } from "./print-file";
import { PrinterModel } from "./printer-model";

const file: PrintFileRef = {
  storageId: "usb",
  apiPath: "/usb/CABLE-~1.GCO",
  displayName: "Cable-Clip_0.4n_0.2mm_PETG_COREONE_8m.gcode",
  displayPath: "/usb/Cable-Clip_0.4n_0.2mm_PETG_COREONE_8m.gcode",
  diskPath: "/tmp/x",
  size: 1000,
  mtimeSec: 1,
};

function setup(printSeconds = 600) {
  let now = 1_000_000;
  const model = new PrinterModel({ printSeconds, firstJobId: 42, now: () => now, random: () => 0.5 });
  return {
    model,
    advance: (seconds: number) => {
      now += seconds * 1000;
    },
  };
}

describe("PrinterModel", () => {
  it("heats toward the material's targets with lag, prints, then finishes and cools", () => {
    const { model, advance } = setup();
    expect(model.snapshot().state).toBe("IDLE");
    const job = model.start(file);
    expect(job?.id).toBe(42);
    let s = model.snapshot();
    expect(s.nozzle.target).toBe(240);
    expect(s.bed.target).toBe(85);
    advance(10);
    s = model.snapshot();
    expect(s.nozzle.current).toBeGreaterThan(40);
    expect(s.nozzle.current).toBeLessThan(240);
    expect(s.job?.progress).toBe(0);
    advance(290);
    s = model.snapshot();
    expect(s.nozzle.current).toBeGreaterThan(235);
    expect(s.nozzle.current).toBeLessThan(245);
    expect(s.job?.progress).toBeGreaterThan(30);
    expect(s.job?.progress).toBeLessThan(60);
    expect(s.job?.timePrinting).toBe(300);
    expect(s.job?.timeRemaining).toBe(300);
    expect(s.axis.z).toBeGreaterThan(0.2);
    advance(301);
    s = model.snapshot();
    expect(s.state).toBe("FINISHED");
    expect(s.job).toBeNull();
    expect(s.currentJobId).toBe(42);
    expect(s.nozzle.target).toBe(0);
    advance(600);
    expect(model.snapshot().nozzle.current).toBeLessThan(60);
  });

  it("pauses and resumes only from the right states, and stops from printing, paused or attention", () => {
    const { model, advance } = setup();
    expect(model.pause()).toBe(false);
    model.start(file);
    expect(model.resume()).toBe(false);
    expect(model.pause()).toBe(true);
    expect(model.pause()).toBe(false);
    const frozen = model.snapshot().job?.timePrinting;
    advance(100);
    expect(model.snapshot().job?.timePrinting).toBe(frozen);
    expect(model.resume()).toBe(true);
    expect(model.injectRunout()).toBe(true);
    expect(model.snapshot().state).toBe("ATTENTION");
    expect(model.snapshot().job).not.toBeNull();
    expect(model.resume()).toBe(false);
    expect(model.stop()).toBe(true);
    expect(model.snapshot().state).toBe("STOPPED");
    expect(model.stop()).toBe(false);
  });

  it("counts job ids up and refuses a start while busy", () => {
    const { model } = setup();
    expect(model.start(file)?.id).toBe(42);
    expect(model.start(file)).toBeNull();
    model.stop();
    expect(model.start(file)?.id).toBe(43);
  });

  it("an error ends the job and needs acknowledging before the next print", () => {
    const { model } = setup();
    model.start(file);
    model.injectError();
    expect(model.snapshot().state).toBe("ERROR");
    expect(model.snapshot().job).toBeNull();
    expect(model.start(file)).toBeNull();
    model.acknowledge();
    expect(model.snapshot().state).toBe("IDLE");
    expect(model.start(file)).not.toBeNull();
  });

  it("overheat drives the nozzle far above its target until acknowledged", () => {
    const { model, advance } = setup();
    model.start(file);
    advance(120);
    model.injectOverheat();
    advance(120);
    const hot = model.snapshot();
    expect(hot.overheat).toBe(true);
    expect(hot.nozzle.current).toBeGreaterThan(hot.nozzle.target + 40);
    model.acknowledge();
    advance(300);
    expect(model.snapshot().nozzle.current).toBeLessThan(hot.nozzle.current);
  });

  it("short test prints run the same life in proportion", () => {
    const { model, advance } = setup(2);
    model.start(file);
    advance(1);
    const s = model.snapshot();
    expect(s.job?.progress).toBeGreaterThan(30);
    expect(s.nozzle.current).toBeGreaterThan(100);
    advance(1.1);
    expect(model.snapshot().state).toBe("FINISHED");
  });
});
