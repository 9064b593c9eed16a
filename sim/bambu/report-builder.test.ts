import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureDir } from "@/test/fixtures";
import { type JsonObject, type JsonValue, isJsonObject, jsonType } from "./json";
import type { BambuModel } from "./models";
import { createPrinterCore } from "./printer-core";
import type { GcodeState, PrintJob } from "./printer-model";
import { developerModeOffBit, ipv4AsUint32LE } from "./report-builder";
import { loadTemplate, printSection } from "./templates";

/** Every path of a JSON value with its JSON type; array elements are merged under "[]". */
function shapeOf(value: JsonValue, prefix = "", shape = new Map<string, string>(), emptyArrays = new Set<string>()) {
  shape.set(prefix, jsonType(value));
  if (Array.isArray(value)) {
    if (value.length === 0) emptyArrays.add(prefix);
    for (const item of value) shapeOf(item, `${prefix}[]`, shape, emptyArrays);
  } else if (isJsonObject(value)) {
    for (const [key, child] of Object.entries(value)) shapeOf(child, `${prefix}.${key}`, shape, emptyArrays);
  }
  return { shape, emptyArrays };
}

/** Paths of the real capture that the simulator lacks or types differently. */
function shapeDifferences(real: JsonObject, simulated: JsonObject, exempt: (p: string) => boolean): string[] {
  const realShape = shapeOf(real).shape;
  const sim = shapeOf(simulated);
  const problems: string[] = [];
  for (const [p, type] of realShape) {
    if (exempt(p)) continue;
    // An array the simulator sends empty in this state has no element shape to compare.
    if ([...sim.emptyArrays].some((a) => p.startsWith(`${a}[]`))) continue;
    const simType = sim.shape.get(p);
    if (simType !== type) problems.push(`${p}: real ${type}, simulator ${simType ?? "missing"}`);
  }
  return problems;
}

const job: PrintJob = {
  storagePath: "/cache/Test Würfel.gcode.3mf",
  subtaskName: "Test Würfel",
  plate: 1,
  nominalSeconds: 1800,
  totalLayers: 90,
  nozzleTarget: 220,
  bedTarget: 65,
  filamentGrams: 12,
  taskId: "0",
  subtaskId: "0",
  projectId: "0",
  profileId: "0",
  trayNow: "0",
};

function printerIn(model: BambuModel, state: GcodeState) {
  const core = createPrinterCore(model, `TEST${model.replace(/\W/g, "")}`, { prepareSeconds: 2, printSeconds: 10, timeScale: 10 });
  if (state !== "IDLE") {
    expect(core.model.start(job).ok).toBe(true);
    core.model.advance(3);
    if (state === "FINISH") core.model.advance(20);
    if (state === "FAILED") core.model.stop();
  }
  expect(core.model.gcodeState).toBe(state);
  return core;
}

const extras = { developerMode: true, wifiDbm: -50, hostAddress: "192.168.0.98" };

// Real captures of each model, and the state the printer was in when captured.
const captures: { model: BambuModel; file: string; state: GcodeState }[] = [
  { model: "A1", file: "a1-pushall-idle.json", state: "IDLE" },
  { model: "A1 mini", file: "a1mini-pushall-idle.json", state: "IDLE" },
  { model: "P1S", file: "p1s-pushall-finish.json", state: "FINISH" },
  { model: "P1P", file: "p1p-pushall-finish-noams.json", state: "FINISH" },
  { model: "P1P", file: "p1p-pushall-failed.json", state: "FAILED" },
  { model: "X1C", file: "x1c-pushall-finish-multiams.json", state: "FINISH" },
  { model: "X1C", file: "x1-pushall-running.json", state: "RUNNING" },
];

/**
 * Keys a real capture has that the simulator deliberately does not reproduce:
 * - A1 mini `net._redacted`: the capture's author replaced the network block; the
 *   simulator sends the real `{conf, info:[{ip, mask}]}` block of the A1 capture.
 * - X1 `device.nozzle.0` / `device.nozzle.info` (number): the running capture is older
 *   X1 firmware; the simulator follows the 01.09 capture, where `info` is an array.
 */
function exemptFor(file: string): (p: string) => boolean {
  if (file.startsWith("a1mini")) return (p) => p === ".print.net._redacted";
  if (file === "x1-pushall-running.json") return (p) => p.startsWith(".print.device.nozzle.0") || p === ".print.device.nozzle.info";
  return () => false;
}

describe("snapshots have the shape of the real captures", () => {
  for (const capture of captures) {
    it(`${capture.model} ${capture.state} matches ${capture.file} key by key`, () => {
      const core = printerIn(capture.model, capture.state);
      const snapshot = core.builder.full(core.model.view(), extras);
      const real = loadTemplate(capture.file);
      expect(Object.keys(snapshot)).toEqual(Object.keys(real));
      expect(shapeDifferences(real, snapshot, exemptFor(capture.file))).toEqual([]);
      const print = printSection(snapshot, "snapshot");
      expect(print.gcode_state).toBe(capture.state);
      expect(print.msg).toBe(0);
      expect(print.command).toBe("push_status");
    });
  }

  it("adds no keys beyond the model's real captures, except the justified `fun`", () => {
    for (const model of ["A1", "A1 mini", "P1S", "P1P", "X1C"] as const) {
      const allowed = new Set<string>();
      for (const c of captures.filter((x) => x.model === model)) for (const p of shapeOf(loadTemplate(c.file)).shape.keys()) allowed.add(p);
      // `fun` carries the Developer-mode bit on current firmware; the A1/P1 captures predate it.
      allowed.add(".print.fun");
      // Arrays the model's captures happen to send empty; their elements are typed as in
      // the X1 running capture (stage ids, {attr, code}).
      for (const p of [".print.stg[]", ".print.hms[]", ".print.hms[].attr", ".print.hms[].code"]) allowed.add(p);
      for (const state of ["IDLE", "RUNNING", "FINISH", "FAILED"] as const) {
        const core = printerIn(model, state);
        const snapshot = core.builder.full(core.model.view(), extras);
        const extra = [...shapeOf(snapshot).shape.keys()].filter((p) => !allowed.has(p));
        // A1 mini: the scrubbed network block is sent in the A1's shape (see exemptFor).
        expect(extra.filter((p) => !(model === "A1 mini" && p.startsWith(".print.net")))).toEqual([]);
      }
    }
  });

  it("an HMS entry has the shape of the real one ({attr, code} numbers)", () => {
    const core = printerIn("X1C", "RUNNING");
    core.model.runout();
    const print = printSection(core.builder.full(core.model.view(), extras), "snapshot");
    const realHms = printSection(loadTemplate("x1-pushall-running.json"), "x1").hms;
    expect(Array.isArray(realHms) && Array.isArray(print.hms)).toBe(true);
    expect(shapeDifferences({ hms: realHms ?? [] }, { hms: print.hms ?? [] }, () => false)).toEqual([]);
    expect(print.hms).toHaveLength(1);
  });
});

describe("deltas", () => {
  it("carry only changed keys plus command/msg/sequence_id, typed like the real P1S deltas", () => {
    const core = printerIn("P1S", "IDLE");
    const full = printSection(core.builder.full(core.model.view(), extras), "full");
    core.model.advance(2);
    const delta = printSection(core.builder.periodic(core.model.view(), extras), "delta");
    expect(delta.msg).toBe(1);
    expect(Number(delta.sequence_id)).toBe(Number(full.sequence_id) + 1);
    for (const file of ["p1s-delta-1.json", "p1s-delta-2.json"]) {
      const real = printSection(loadTemplate(file), file);
      for (const key of Object.keys(real)) {
        expect(delta[key], `${file} has ${key}`).toBeDefined();
        expect(jsonType(delta[key] ?? null)).toBe(jsonType(real[key] ?? null));
      }
    }
    for (const [key, value] of Object.entries(delta)) {
      if (["command", "msg", "sequence_id"].includes(key)) continue;
      expect(jsonType(value)).toBe(jsonType(full[key] ?? null));
    }
    // Idle: nothing but the drifting readings changed.
    expect(delta.gcode_state).toBeUndefined();
    expect(delta.ams).toBeUndefined();
    expect(Object.keys(delta).length).toBeLessThan(12);
  });

  it("report a runout pause like the real A1 delta", () => {
    const core = printerIn("A1", "RUNNING");
    core.builder.full(core.model.view(), extras);
    core.model.runout();
    const delta = printSection(core.builder.periodic(core.model.view(), extras), "delta");
    const real = printSection(loadTemplate("a1-delta-pause-filament-runout.json"), "runout");
    expect(delta.gcode_state).toBe("PAUSE");
    expect(delta.print_error).toBe(0x03008015);
    expect(delta.print_error).toBe(real.print_error);
    expect(delta.mc_print_stage).toBe(real.mc_print_stage);
    for (const key of ["nozzle_temper", "bed_temper", "wifi_signal", "gcode_state", "print_error", "mc_print_stage"]) {
      expect(jsonType(delta[key] ?? null), key).toBe(jsonType(real[key] ?? null));
    }
    expect(delta.hms).toEqual([{ attr: 0x07002000, code: 0x00020001 }]);
  });

  it("never carry the AMS tray arrays", () => {
    const core = printerIn("A1", "IDLE");
    core.builder.full(core.model.view(), extras);
    core.model.start(job);
    core.model.advance(3);
    const delta = printSection(core.builder.periodic(core.model.view(), extras), "delta");
    expect(delta.gcode_state).toBe("RUNNING");
    expect(isJsonObject(delta.ams) && delta.ams.tray_now).toBe("0");
    expect(isJsonObject(delta.ams) && "ams" in delta.ams).toBe(false);
  });

  it("are full states on the X1C", () => {
    const core = printerIn("X1C", "IDLE");
    core.builder.full(core.model.view(), extras);
    const next = printSection(core.builder.periodic(core.model.view(), extras), "x1");
    expect(next.msg).toBe(0);
    expect(isJsonObject(next.ams) && Array.isArray(next.ams.ams)).toBe(true);
  });
});

describe("mapped fields", () => {
  it("sets bit 0x20000000 of `fun` exactly when Developer mode is off", () => {
    for (const model of ["A1", "X1C"] as const) {
      const core = printerIn(model, "IDLE");
      const on = printSection(core.builder.full(core.model.view(), { ...extras, developerMode: true }), "on").fun;
      const off = printSection(core.builder.full(core.model.view(), { ...extras, developerMode: false }), "off").fun;
      expect(typeof on === "string" && (BigInt(`0x${on}`) & developerModeOffBit) === 0n).toBe(true);
      expect(typeof off === "string" && (BigInt(`0x${off}`) & developerModeOffBit) !== 0n).toBe(true);
    }
  });

  it("encodes the IP like the printer (little-endian uint32)", () => {
    expect(ipv4AsUint32LE("192.168.0.98")).toBe(1644210368);
    const core = printerIn("A1", "IDLE");
    const print = printSection(core.builder.full(core.model.view(), extras), "a1");
    expect(print.net).toEqual({ conf: 0, info: [{ ip: 1644210368, mask: 16777215 }] });
  });

  it("reports a running job with layers, progress, remaining minutes and the file", () => {
    const core = printerIn("A1", "RUNNING");
    core.model.advance(5);
    const print = printSection(core.builder.full(core.model.view(), extras), "a1");
    expect(print.gcode_state).toBe("RUNNING");
    // 2 s prepare, then 1 + 5 s of a 10 s print.
    expect(print.mc_percent).toBe(60);
    expect(print.layer_num).toBe(55);
    expect(print.total_layer_num).toBe(90);
    expect(print.mc_remaining_time).toBe(12);
    expect(print.subtask_name).toBe("Test Würfel");
    expect(print.gcode_file).toBe("/cache/Test Würfel.gcode.3mf");
    expect(print.print_type).toBe("local");
    expect(print.nozzle_target_temper).toBe(220);
    expect(Number(print.cooling_fan_speed)).toBeGreaterThan(0);
  });

  it("temperatures of A1/P1 come in 1/32 degree steps, X1 in whole degrees", () => {
    const a1 = printerIn("A1", "RUNNING");
    const x1 = printerIn("X1C", "RUNNING");
    const a1Nozzle = printSection(a1.builder.full(a1.model.view(), extras), "a1").nozzle_temper;
    const x1Nozzle = printSection(x1.builder.full(x1.model.view(), extras), "x1").nozzle_temper;
    expect(typeof a1Nozzle === "number" && Number.isInteger(a1Nozzle * 32)).toBe(true);
    expect(typeof x1Nozzle === "number" && Number.isInteger(x1Nozzle)).toBe(true);
  });
});

const realCaptures = fixtureDir("bambu");
describe("templates", () => {
  it("are verbatim copies of the real captures", () => {
    const dir = new URL("./templates/", import.meta.url);
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".json"))) {
      const original = [path.join(realCaptures, name), path.join(realCaptures, "unattributed", name)].find(existsSync);
      expect(original, name).toBeDefined();
      expect(readFileSync(new URL(name, dir)).equals(readFileSync(original ?? "")), name).toBe(true);
    }
  });
});
