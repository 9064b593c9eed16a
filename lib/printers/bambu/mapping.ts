import { createHash } from "node:crypto";
import type { FilamentSlot, NormalizedState, PrinterError, PrinterStateName } from "@/lib/printers/types";
import { decodeHms, decodePrintError, isCancelCode } from "./hms";
import type { JobContext } from "./job-tracker";
import { modelTraits, type BambuModel } from "./models";
import type { AmsUnit, PrintReport, Tray } from "./schemas";

/**
 * Merged Bambu state -> NormalizedState. Each normalized field is one entry in
 * `fieldTable` with a small value function, in the manner of Home Assistant's sensor
 * descriptions.
 *
 * gcode_state FAILED covers both a cancel and a real failure. It maps to "cancelled"
 * when we sent the stop, when print_error/fail_reason carries a cancel code
 * (0x0300400C, 0x0500400E), or when the job tracker saw one earlier in this job.
 * Otherwise it maps to "failed", including FAILED with print_error 0 and no history
 * (e.g. the driver started after the fact): a cancel cannot be proven then, and
 * reporting a failure makes someone look at the printer rather than hiding a failed job.
 */

export interface MappingContext {
  now: number;
  model: BambuModel;
  firmware: string | null;
  job: JobContext;
  /** A command was refused with err_code 84033543 on this connection. */
  developerModeRejected: boolean;
}

const gcodeStates: Readonly<Record<string, PrinterStateName>> = {
  IDLE: "idle",
  INIT: "idle",
  SLICING: "preparing",
  PREPARE: "preparing",
  RUNNING: "printing",
  PAUSE: "paused",
  FINISH: "finished",
  FAILED: "failed",
  OFFLINE: "offline",
};

const activeStates: ReadonlySet<PrinterStateName> = new Set(["preparing", "printing", "paused"]);
const jobStates: ReadonlySet<PrinterStateName> = new Set(["preparing", "printing", "paused", "finished", "failed", "cancelled"]);

/** Bit 29 of `fun` is set when the printer only accepts signed commands (Developer mode off). */
const developerModeBit = BigInt(0x20000000);

interface MapInput {
  report: PrintReport;
  state: PrinterStateName;
  ctx: MappingContext;
}

function inRange(value: number | null | undefined, min: number, max: number): number | null {
  return typeof value === "number" && Number.isFinite(value) && value >= min && value <= max ? value : null;
}

function count(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

function text(value: string | null | undefined): string | null {
  return value && value.trim() !== "" ? value : null;
}

function temperature(value: number | null | undefined): number | null {
  return inRange(value, -60, 1000);
}

function startTime(report: PrintReport, ctx: MappingContext): number | null {
  const reported = Number(report.gcode_start_time ?? 0);
  if (Number.isFinite(reported) && reported > 0) return reported * 1000;
  return ctx.job.startedAt;
}

function elapsedSeconds({ report, state, ctx }: MapInput): number | null {
  const start = startTime(report, ctx);
  if (start === null) return null;
  const end = activeStates.has(state) ? ctx.now : ctx.job.endedAt;
  if (end === null || !jobStates.has(state)) return null;
  return Math.max(0, Math.round((end - start) / 1000));
}

function remainingSeconds({ report, state }: MapInput): number | null {
  if (state === "finished") return 0;
  if (!activeStates.has(state)) return null;
  const minutes = inRange(report.mc_remaining_time, 0, 100_000);
  return minutes === null ? null : minutes * 60;
}

function isRealId(value: string | null | undefined): value is string {
  return typeof value === "string" && value.trim() !== "" && value !== "0";
}

/**
 * task_id identifies cloud/app prints. Prints started over LAN carry "0": then a hash
 * of file, job name and start time (the printer's gcode_start_time when it sends one,
 * else when this driver first saw the job) keeps one print one job across reconnects.
 */
function printerJobId(input: MapInput): string | null {
  const { report, state, ctx } = input;
  if (!jobStates.has(state)) return null;
  if (isRealId(report.task_id)) return report.task_id;
  if (isRealId(report.subtask_id)) return report.subtask_id;
  const file = text(report.gcode_file);
  const name = text(report.subtask_name);
  if (file === null && name === null) return null;
  const start = startTime(report, ctx) ?? ctx.job.firstSeenAt;
  const digest = createHash("sha256")
    .update(JSON.stringify([file, name, start]))
    .digest("hex")
    .slice(0, 16);
  return `local-${digest}`;
}

function hexColor(value: string | null | undefined): string | null {
  if (!value || !/^[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$/.test(value)) return null;
  if (value.length === 8 && value.slice(6).toUpperCase() === "00") return null;
  return `#${value.slice(0, 6).toUpperCase()}`;
}

function trayNow(report: PrintReport): number | null {
  const value = Number(report.ams?.tray_now ?? Number.NaN);
  return Number.isInteger(value) ? value : null;
}

/** Standard AMS units hold 4 trays (tray_now = unit*4 + tray); AMS HT units (id >= 128) hold one. */
function isActiveTray(unitId: number, trayId: number, current: number | null): boolean {
  if (current === null) return false;
  return unitId >= 128 ? current === unitId : current === unitId * 4 + trayId;
}

function amsSlots(unit: AmsUnit, current: number | null, model: BambuModel): FilamentSlot[] {
  const unitId = Number(unit.id);
  return (unit.tray ?? []).map((tray: Tray) => {
    const trayId = Number(tray.id);
    const remain = modelTraits(model).amsRemaining ? inRange(tray.remain, 0, 100) : null;
    return {
      id: `ams${unit.id}-tray${tray.id}`,
      type: text(tray.tray_type),
      color: hexColor(tray.tray_color),
      remainingPercent: remain,
      active: isActiveTray(unitId, trayId, current),
    };
  });
}

function filament({ report, ctx }: MapInput): FilamentSlot[] {
  const current = trayNow(report);
  const slots = (report.ams?.ams ?? []).flatMap((unit) => amsSlots(unit, current, ctx.model));
  const external = report.vt_tray;
  if (external) {
    slots.push({
      id: "ext",
      type: text(external.tray_type),
      color: hexColor(external.tray_color),
      remainingPercent: null,
      active: current === 254,
    });
  }
  return slots;
}

function errors({ report }: MapInput): PrinterError[] {
  const out: PrinterError[] = [];
  const printError = decodePrintError(report.print_error ?? 0);
  if (printError) out.push(printError);
  for (const entry of report.hms ?? []) out.push(decodeHms(entry.attr, entry.code));
  return out;
}

function lightOn({ report }: MapInput): boolean | null {
  const chamber = (report.lights_report ?? []).find((light) => light.node === "chamber_light");
  if (!chamber) return null;
  return chamber.mode === "on" || chamber.mode === "flashing";
}

function developerModeRequired({ report, ctx }: MapInput): boolean {
  if (ctx.developerModeRejected) return true;
  const fun = report.fun;
  if (!fun || !/^[0-9A-Fa-f]{1,16}$/.test(fun)) return false;
  return (BigInt(`0x${fun}`) & developerModeBit) !== BigInt(0);
}

function chamberCurrent({ report, ctx }: MapInput): number | null {
  const sensor = temperature(report.device?.ctc?.info?.temp);
  if (sensor !== null) return sensor;
  return modelTraits(ctx.model).chamberSensor ? temperature(report.chamber_temper) : null;
}

/** push_status `nozzle_diameter` arrives as a string ("0.4"); anything not a plausible diameter is unknown. */
function nozzleDiameterMm({ report }: MapInput): number | null {
  const raw: unknown = report.nozzle_diameter;
  const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
  return typeof value === "number" ? inRange(value, 0.05, 5) : null;
}

type FieldKey = Exclude<keyof NormalizedState, "online" | "state">;

const fieldTable: { readonly [K in FieldKey]: (input: MapInput) => NormalizedState[K] } = {
  nozzle: ({ report }) => ({ current: temperature(report.nozzle_temper), target: temperature(report.nozzle_target_temper) }),
  bed: ({ report }) => ({ current: temperature(report.bed_temper), target: temperature(report.bed_target_temper) }),
  chamber: (input) => ({ current: chamberCurrent(input), target: null }),
  progress: ({ report, state }) => (jobStates.has(state) ? inRange(report.mc_percent, 0, 100) : null),
  layer: ({ report, state }) => (jobStates.has(state) ? count(report.layer_num) : null),
  totalLayers: ({ report, state }) => (jobStates.has(state) && report.total_layer_num !== 0 ? count(report.total_layer_num) : null),
  elapsedSeconds,
  remainingSeconds,
  jobName: ({ report, state }) => (jobStates.has(state) ? text(report.subtask_name) : null),
  fileName: ({ report, state }) => (jobStates.has(state) ? text(report.gcode_file) : null),
  printerJobId,
  filament,
  errors,
  lightOn,
  firmware: ({ ctx }) => ctx.firmware,
  nozzleDiameterMm,
  developerModeRequired,
};

function resolveState(report: PrintReport, ctx: MappingContext): PrinterStateName {
  const raw = report.gcode_state ?? "";
  const mapped = gcodeStates[raw] ?? "error";
  if (mapped !== "failed") return mapped;
  const cancelled =
    ctx.job.outcome === "cancelled" ||
    isCancelCode(report.print_error ?? 0) ||
    isCancelCode(Number(report.fail_reason ?? 0));
  return cancelled ? "cancelled" : "failed";
}

/**
 * Returns null until the printer has told us its gcode_state (a delta can arrive before
 * the first snapshot): an invented state would be worse than none. An unknown
 * gcode_state from newer firmware maps to "error" so nothing treats the printer as free.
 */
export function mapReport(report: PrintReport, ctx: MappingContext): NormalizedState | null {
  if (!report.gcode_state) return null;
  const state = resolveState(report, ctx);
  const input: MapInput = { report, state, ctx };
  return {
    online: state !== "offline",
    state,
    nozzle: fieldTable.nozzle(input),
    bed: fieldTable.bed(input),
    chamber: fieldTable.chamber(input),
    progress: fieldTable.progress(input),
    layer: fieldTable.layer(input),
    totalLayers: fieldTable.totalLayers(input),
    elapsedSeconds: fieldTable.elapsedSeconds(input),
    remainingSeconds: fieldTable.remainingSeconds(input),
    jobName: fieldTable.jobName(input),
    fileName: fieldTable.fileName(input),
    printerJobId: fieldTable.printerJobId(input),
    filament: fieldTable.filament(input),
    errors: fieldTable.errors(input),
    lightOn: fieldTable.lightOn(input),
    firmware: fieldTable.firmware(input),
    nozzleDiameterMm: fieldTable.nozzleDiameterMm(input),
    developerModeRequired: fieldTable.developerModeRequired(input),
  };
}
