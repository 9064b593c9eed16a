import { type JsonObject, type JsonValue, isJsonObject } from "./json";
import type { ModelProfile } from "./models";
import type { PrinterView } from "./printer-model";
import type { Random } from "./random";
import { quantize } from "./thermal";

/** Bit of `print.fun` that flags "Developer mode off: commands need signing". */
export const developerModeOffBit = 0x20000000n;
// `fun` of the X1C capture without that bit; A1/P1 captures predate the field.
const defaultFun = "11830F9CFB";

const envelopeKeys = new Set(["command", "msg", "sequence_id"]);
const fanKeys = ["heatbreak_fan_speed", "cooling_fan_speed", "big_fan1_speed", "big_fan2_speed"];

export interface ReportExtras {
  developerMode: boolean;
  wifiDbm: number;
  hostAddress: string;
}

function setIfPresent(target: JsonObject, key: string, value: JsonValue): void {
  if (key in target) target[key] = value;
}

function objectAt(root: JsonObject, path: readonly (string | number)[]): JsonObject | null {
  let node: JsonValue | undefined = root;
  for (const part of path) {
    if (typeof part === "number") node = Array.isArray(node) ? node[part] : undefined;
    else node = isJsonObject(node) ? node[part] : undefined;
    if (node === undefined) return null;
  }
  return isJsonObject(node) ? node : null;
}

function funWithDeveloperMode(template: JsonValue | undefined, developerMode: boolean): string {
  const hex = typeof template === "string" && /^[0-9A-Fa-f]+$/.test(template) ? template : defaultFun;
  const value = BigInt(`0x${hex}`);
  const next = developerMode ? value & ~developerModeOffBit : value | developerModeOffBit;
  return next.toString(16).toUpperCase().padStart(hex.length, "0");
}

/** The printer reports its IPv4 address as a little-endian uint32 (192.168.0.98 -> 1644210368). */
export function ipv4AsUint32LE(address: string): number {
  const parts = address.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return 0;
  return ((parts[3] << 24) | (parts[2] << 16) | (parts[1] << 8) | parts[0]) >>> 0;
}

// X1 firmware packs target and current into one int: (target << 16) | current.
function packedTemperature(current: number, target: number): number {
  return ((Math.round(target) << 16) | Math.max(0, Math.round(current))) >>> 0;
}

/**
 * Visits every AMS tray with its global id as `tray_now` uses it: unit * 4 + slot for
 * AMS and AMS Lite, the unit id itself for the single-slot AMS HT (ids from 128).
 */
function forEachTray(print: JsonObject, visit: (id: string, tray: JsonObject) => void): void {
  const ams = objectAt(print, ["ams"]);
  const units = ams && Array.isArray(ams.ams) ? ams.ams : [];
  units.forEach((unit, unitIndex) => {
    if (!isJsonObject(unit) || !Array.isArray(unit.tray)) return;
    const unitId = Number(unit.id ?? unitIndex);
    unit.tray.forEach((tray, trayIndex) => {
      if (!isJsonObject(tray)) return;
      const slot = Number(tray.id ?? trayIndex);
      visit(String(unitId >= 128 ? unitId : unitId * 4 + slot), tray);
    });
  });
}

/**
 * Builds `push_status` reports by writing the printer's state into a real capture of
 * the same model, so keys, nesting and value types stay those of the real printer.
 */
export class ReportBuilder {
  private sequence = 1;
  private lastSent: JsonObject | null = null;
  private readonly templateRemain = new Map<string, number>();

  constructor(
    private readonly profile: ModelProfile,
    private readonly template: JsonObject,
    private readonly random: Random,
  ) {
    forEachTray(template, (id, tray) => {
      if (typeof tray.remain === "number") this.templateRemain.set(id, tray.remain);
    });
  }

  /** AMS tray ids ("0".."15") that hold filament, or none when the printer has no AMS. */
  amsTrays(): string[] {
    return [...this.templateRemain.keys()];
  }

  private nextSequence(): string {
    return String(this.sequence++);
  }

  /** The full state, as answered to pushall (msg 0). */
  full(view: PrinterView, extras: ReportExtras): JsonObject {
    const print = this.render(view, extras);
    this.lastSent = print;
    return { print: { ...print, command: "push_status", msg: 0, sequence_id: this.nextSequence() } };
  }

  /** The periodic report: a delta on A1/P1, the full state on X1. */
  periodic(view: PrinterView, extras: ReportExtras): JsonObject {
    if (this.profile.reportStyle === "full") return this.full(view, extras);
    const next = this.render(view, extras);
    // Nobody asked for a full state yet: a printer that was already running sends deltas.
    const previous = this.lastSent ?? next;
    const forced = new Set(["wifi_signal", "nozzle_temper", "bed_temper", ...(view.active ? fanKeys : [])]);
    const delta: JsonObject = {};
    for (const [key, value] of Object.entries(next)) {
      if (key === "ams" && isJsonObject(value)) {
        const amsDelta = this.amsDelta(value, previous.ams);
        if (amsDelta) delta.ams = amsDelta;
      } else if (forced.has(key) || JSON.stringify(value) !== JSON.stringify(previous[key])) {
        delta[key] = value;
      }
    }
    this.lastSent = next;
    return { print: { ...delta, command: "push_status", msg: 1, sequence_id: this.nextSequence() } };
  }

  // Tray arrays only travel in full snapshots; a delta carries the changed scalars.
  private amsDelta(next: JsonObject, previous: JsonValue | undefined): JsonObject | null {
    const before = isJsonObject(previous) ? previous : {};
    const changed: JsonObject = {};
    for (const [key, value] of Object.entries(next)) {
      if (key === "ams") continue;
      if (JSON.stringify(value) !== JSON.stringify(before[key])) changed[key] = value;
    }
    return Object.keys(changed).length > 0 ? changed : null;
  }

  /** The `print` object without the envelope keys. */
  render(view: PrinterView, extras: ReportExtras): JsonObject {
    const print = structuredClone(this.template);
    for (const key of envelopeKeys) delete print[key];
    this.applyTemperatures(print, view);
    this.applyJob(print, view);
    this.applyFilament(print, view);
    const fans = view.fans;
    setIfPresent(print, "heatbreak_fan_speed", String(fans.heatbreak));
    setIfPresent(print, "cooling_fan_speed", String(fans.cooling));
    setIfPresent(print, "big_fan1_speed", String(fans.aux));
    setIfPresent(print, "big_fan2_speed", String(fans.chamber));
    setIfPresent(print, "spd_lvl", view.speedLevel);
    setIfPresent(print, "spd_mag", { 1: 50, 2: 100, 3: 124, 4: 166 }[view.speedLevel] ?? 100);
    setIfPresent(print, "wifi_signal", `${extras.wifiDbm}dBm`);
    print.fun = funWithDeveloperMode(this.template.fun, extras.developerMode);
    const lights = print.lights_report;
    if (Array.isArray(lights)) {
      for (const light of lights) {
        if (isJsonObject(light) && light.node === "chamber_light") light.mode = view.lightOn ? "on" : "off";
      }
    }
    const netInfo = objectAt(print, ["net", "info", 0]);
    if (netInfo && "ip" in netInfo) netInfo.ip = ipv4AsUint32LE(extras.hostAddress);
    setIfPresent(print, "t_utc", Date.now());
    return print;
  }

  private applyTemperatures(print: JsonObject, view: PrinterView): void {
    const step = this.profile.temperatureStep;
    const nozzle = quantize(view.nozzleTemp + this.random.jitter(0.25), step);
    const bed = quantize(view.bedTemp + this.random.jitter(0.12), step);
    setIfPresent(print, "nozzle_temper", nozzle);
    setIfPresent(print, "nozzle_target_temper", view.nozzleTarget);
    setIfPresent(print, "bed_temper", bed);
    setIfPresent(print, "bed_target_temper", view.bedTarget);
    if (this.profile.chamberSensor) setIfPresent(print, "chamber_temper", quantize(view.chamberTemp, step));
    const device = objectAt(print, ["device"]);
    if (!device) return;
    setIfPresent(device, "bed_temp", Math.round(bed));
    const bedInfo = objectAt(device, ["bed", "info"]);
    if (bedInfo) bedInfo.temp = packedTemperature(bed, view.bedTarget);
    const chamberInfo = objectAt(device, ["ctc", "info"]);
    if (chamberInfo) chamberInfo.temp = Math.round(view.chamberTemp);
    const extruder = objectAt(device, ["extruder", "info", 0]);
    if (extruder) {
      extruder.temp = packedTemperature(nozzle, view.nozzleTarget);
      setIfPresent(extruder, "htar", Math.round(view.nozzleTarget));
    }
    const info = objectAt(print, ["info"]);
    if (info && "temp" in info) info.temp = Math.round(view.chamberTemp);
  }

  private applyJob(print: JsonObject, view: PrinterView): void {
    const job = view.job;
    const dataStyle = this.profile.gcodeFileStyle === "data";
    const gcodeFile = !job ? "" : dataStyle ? `/data/Metadata/plate_${job.plate}.gcode` : view.active ? job.storagePath : "";
    setIfPresent(print, "gcode_state", view.gcodeState);
    setIfPresent(print, "mc_print_stage", view.printStage);
    setIfPresent(print, "mc_print_sub_stage", 0);
    setIfPresent(print, "mc_percent", view.percent);
    setIfPresent(print, "percent", view.percent);
    setIfPresent(print, "mc_remaining_time", view.remainingMinutes);
    setIfPresent(print, "remain_time", view.remainingMinutes);
    setIfPresent(print, "layer_num", view.layer);
    setIfPresent(print, "total_layer_num", view.totalLayers);
    setIfPresent(print, "gcode_file_prepare_percent", String(view.preparePercent));
    setIfPresent(print, "prepare_per", view.preparePercent);
    setIfPresent(print, "stg", view.stages);
    setIfPresent(print, "stg_cur", view.currentStage);
    setIfPresent(print, "print_error", view.printError);
    setIfPresent(print, "mc_print_error_code", "0");
    setIfPresent(print, "fail_reason", view.gcodeState === "FAILED" ? String(view.printError) : "0");
    setIfPresent(print, "hms", view.hms.map((h) => ({ attr: h.attr, code: h.code })));
    setIfPresent(print, "print_type", view.active ? "local" : dataStyle ? "" : "idle");
    setIfPresent(print, "subtask_name", job?.subtaskName ?? "");
    setIfPresent(print, "gcode_file", gcodeFile);
    setIfPresent(print, "file", gcodeFile);
    setIfPresent(print, "task_id", job?.taskId ?? "0");
    setIfPresent(print, "job_id", job?.taskId ?? "0");
    setIfPresent(print, "subtask_id", job?.subtaskId ?? "0");
    setIfPresent(print, "project_id", job?.projectId ?? "0");
    setIfPresent(print, "profile_id", job?.profileId ?? "0");
    setIfPresent(print, "plate_idx", job?.plate ?? 0);
    setIfPresent(print, "plate_id", job?.plate ?? 0);
    setIfPresent(print, "mc_print_line_number", String(view.active ? Math.floor((view.percent / 100) * 48000) : 0));
  }

  private applyFilament(print: JsonObject, view: PrinterView): void {
    const running = view.gcodeState === "RUNNING";
    setIfPresent(print, "ams_status", running && view.trayNow !== "254" ? 768 : 0);
    if (view.active) setIfPresent(print, "hw_switch_state", view.filamentLoaded ? 1 : 0);
    const ams = objectAt(print, ["ams"]);
    if (!ams) return;
    if (this.templateRemain.size > 0) {
      setIfPresent(ams, "tray_now", view.trayNow);
      setIfPresent(ams, "tray_tar", view.trayNow);
      setIfPresent(ams, "tray_pre", view.trayNow);
    }
    forEachTray(print, (id, tray) => {
      const start = this.templateRemain.get(id);
      const used = view.consumedGrams.get(id) ?? 0;
      if (start !== undefined && start > 0) tray.remain = Math.max(0, Math.round(start - (used / 1000) * 100));
    });
  }
}
