import {
  normalizedStateSchema,
  type FilamentSlot,
  type NormalizedState,
  type PrinterError,
  type PrinterStateName,
} from "@/lib/printers/types";
import { joinPath, splitPath } from "./paths";
import type { Info, Job, LegacyJob, LegacyPrinter, Status, Version } from "./schemas";

/**
 * PrusaLink payloads → NormalizedState, as tables: one for printer states and one
 * describing each normalized field with a small function (Home Assistant's
 * `SensorEntityDescription.value_fn`). Payloads arrive here already validated.
 */

interface StateRule {
  state: PrinterStateName;
  error?: Omit<PrinterError, "text" | "code">;
}

export const printerStateTable: Record<string, StateRule> = {
  IDLE: { state: "idle" },
  // READY: "prepared for the next print" (set from Connect); nothing runs.
  READY: { state: "idle" },
  // BUSY: the printer works on something that is not a print (calibration, filament load).
  BUSY: { state: "preparing" },
  PRINTING: { state: "printing" },
  PAUSED: { state: "paused" },
  FINISHED: { state: "finished" },
  STOPPED: { state: "cancelled" },
  // ATTENTION: the print waits for a human (filament runout, crash detection).
  ATTENTION: { state: "paused", error: { messageKey: "prusalink.attention", severity: "warning" } },
  ERROR: { state: "error", error: { messageKey: "prusalink.error", severity: "error" } },
  // UNKNOWN: PrusaLink answers but cannot talk to the printer board (Pi: serial link down).
  UNKNOWN: { state: "error", error: { messageKey: "prusalink.unknownState", severity: "warning" } },
};

function stateRule(name: string): { code: string; rule: StateRule } {
  const code = name.toUpperCase();
  return { code, rule: printerStateTable[code] ?? printerStateTable.UNKNOWN };
}

/**
 * Percent, 0-100. Some MK4 firmware reported progress multiplied by 100 (6700 for
 * 67 %); no real percentage exceeds 100, so such values are divided back.
 */
export function normalizeProgress(value: number | null | undefined): number | null {
  if (value == null || !Number.isFinite(value) || value < 0) return null;
  const percent = value > 100 ? value / 100 : value;
  return Math.min(100, percent);
}

/** Durations in seconds; firmware uses -1 or omits the key for "unknown". */
function seconds(value: number | null | undefined): number | null {
  return value == null || !Number.isFinite(value) || value < 0 ? null : value;
}

function temperature(current: number | null | undefined, target: number | null | undefined) {
  return { current: current ?? null, target: target ?? null };
}

/** The loaded nozzle (Buddy sends 0.40); anything not a plausible diameter is unknown. */
function nozzleDiameterMm(...values: (number | null | undefined)[]): number | null {
  const value = values.find((v) => v != null);
  return value != null && Number.isFinite(value) && value >= 0.05 && value <= 5 ? value : null;
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * Buddy gives the folder in `path` and the name apart ("/usb" + "X.BGC"); the Pi gives
 * the full path under the storage's display name ("/SD Card/x.gcode"), which is turned
 * into the storage path the file listing uses ("/sdcard/x.gcode").
 */
function jobFilePath(file: NonNullable<Job["file"]>, storage: Status["storage"]): string {
  const parts = splitPath(file.path);
  const full = parts[parts.length - 1] === file.name ? joinPath(file.path, "") : joinPath(file.path, file.name);
  for (const s of Array.isArray(storage) ? storage : []) {
    const display = s.name ? joinPath(s.name, "") : null;
    if (display && full.startsWith(`${display}/`)) return joinPath(s.path, full.slice(display.length));
  }
  return full;
}

/**
 * One slot per tool. Core One, MK4 and MINI have one tool; the XL up to five. The
 * material comes from the print file's metadata (PrusaSlicer joins per-tool values
 * with ";"). PrusaLink reports no colours, remaining amounts or MMU slots.
 */
function filamentSlots(materials: (string | null)[]): FilamentSlot[] {
  const list = materials.length > 0 ? materials : [null];
  return list.map((type, index) => ({
    id: `tool${index}`,
    type,
    color: null,
    remainingPercent: null,
    active: list.length === 1,
  }));
}

function materialsFromMeta(meta: Record<string, unknown> | null | undefined): (string | null)[] {
  if (!meta) return [];
  const perTool = meta["filament_type per tool"];
  if (Array.isArray(perTool)) return perTool.map((t) => (typeof t === "string" ? nonEmpty(t) : null));
  const joined = meta.filament_type;
  if (typeof joined === "string") return joined.split(";").map((t) => nonEmpty(t));
  return [];
}

function stateErrors(
  code: string,
  rule: StateRule,
  statusPrinter: { ok?: boolean | null; message?: string | null } | null | undefined,
): PrinterError[] {
  const vendorText = statusPrinter?.ok === false ? nonEmpty(statusPrinter.message) : null;
  if (rule.error) return [{ code, text: vendorText, ...rule.error }];
  if (vendorText) return [{ code: "STATUS_PRINTER", messageKey: null, text: vendorText, severity: "warning" }];
  return [];
}

type FieldTable<C> = { [K in keyof NormalizedState]: (ctx: C) => NormalizedState[K] };

/** Runs every field's function; the result is checked against the shared contract. */
function applyTable<C>(table: FieldTable<C>, ctx: C): NormalizedState {
  const entries = Object.entries(table).map(([key, valueFn]: [string, (c: C) => unknown]) => [key, valueFn(ctx)]);
  return normalizedStateSchema.parse(Object.fromEntries(entries));
}

export interface V1Context {
  status: Status;
  /** /api/v1/job for the job in `status`, or null (204, or not fetched). */
  job: Job | null;
  info: Info | null;
  version: Version | null;
}

/** The job details only count when they describe the job the status talks about. */
function currentJob(c: V1Context): Job | null {
  if (!c.job) return null;
  const statusJobId = c.status.job?.id;
  return statusJobId == null || statusJobId === c.job.id ? c.job : null;
}

export const v1Fields: FieldTable<V1Context> = {
  online: () => true,
  state: (c) => stateRule(c.status.printer.state).rule.state,
  nozzle: (c) => temperature(c.status.printer.temp_nozzle, c.status.printer.target_nozzle),
  bed: (c) => temperature(c.status.printer.temp_bed, c.status.printer.target_bed),
  chamber: () => temperature(null, null),
  progress: (c) => normalizeProgress(c.status.job?.progress ?? currentJob(c)?.progress),
  layer: () => null,
  totalLayers: () => null,
  elapsedSeconds: (c) => seconds(c.status.job?.time_printing ?? currentJob(c)?.time_printing),
  remainingSeconds: (c) => seconds(c.status.job?.time_remaining ?? currentJob(c)?.time_remaining),
  jobName: (c) => {
    const file = currentJob(c)?.file;
    return file ? (nonEmpty(file.display_name) ?? file.name) : null;
  },
  fileName: (c) => {
    const file = currentJob(c)?.file;
    return file ? jobFilePath(file, c.status.storage) : null;
  },
  printerJobId: (c) => {
    const id = c.status.job?.id ?? currentJob(c)?.id;
    return id == null ? null : String(id);
  },
  filament: (c) => filamentSlots(materialsFromMeta(currentJob(c)?.file?.meta)),
  errors: (c) => {
    const { code, rule } = stateRule(c.status.printer.state);
    return stateErrors(code, rule, c.status.printer.status_printer);
  },
  lightOn: () => null,
  firmware: (c) => nonEmpty(c.version?.firmware),
  nozzleDiameterMm: (c) => nozzleDiameterMm(c.info?.nozzle_diameter, c.version?.nozzle_diameter),
  developerModeRequired: () => false,
};

export function mapV1(ctx: V1Context): NormalizedState {
  return applyTable(v1Fields, ctx);
}

export interface LegacyContext {
  printer: LegacyPrinter;
  job: LegacyJob | null;
  version: Version | null;
}

type LegacyFlag = keyof LegacyPrinter["state"]["flags"];

/** First matching flag wins, so the order matters: errors before activity before rest. */
export const legacyFlagTable: { flag: LegacyFlag; state: PrinterStateName }[] = [
  { flag: "error", state: "error" },
  { flag: "closedOrError", state: "error" },
  { flag: "closedOnError", state: "error" },
  { flag: "pausing", state: "paused" },
  { flag: "paused", state: "paused" },
  { flag: "cancelling", state: "printing" },
  { flag: "printing", state: "printing" },
  { flag: "finished", state: "finished" },
  { flag: "busy", state: "preparing" },
  { flag: "ready", state: "idle" },
  { flag: "operational", state: "idle" },
];

function legacyState(printer: LegacyPrinter): { state: PrinterStateName; errors: PrinterError[] } {
  const linkState = printer.state.flags.link_state;
  if (linkState) {
    const { code, rule } = stateRule(linkState);
    return { state: rule.state, errors: stateErrors(code, rule, null) };
  }
  const match = legacyFlagTable.find((r) => printer.state.flags[r.flag] === true);
  if (!match) {
    const { code, rule } = stateRule("UNKNOWN");
    return { state: rule.state, errors: stateErrors(code, rule, null) };
  }
  const errors: PrinterError[] =
    match.state === "error"
      ? [{ code: "ERROR", messageKey: "prusalink.error", text: nonEmpty(printer.state.text), severity: "error" }]
      : [];
  return { state: match.state, errors };
}

function legacyFilePath(path: string | null | undefined): string | null {
  const p = nonEmpty(path);
  return p ? joinPath(p, "") : null;
}

function legacyMaterial(printer: LegacyPrinter): string | null {
  const material = nonEmpty(printer.telemetry?.material);
  // The printer shows " - " or "---" when no filament is loaded.
  return material && /[a-z0-9]/i.test(material) ? material : null;
}

export const legacyFields: FieldTable<LegacyContext> = {
  online: () => true,
  state: (c) => legacyState(c.printer).state,
  nozzle: (c) =>
    temperature(c.printer.temperature?.tool0?.actual ?? c.printer.telemetry?.["temp-nozzle"], c.printer.temperature?.tool0?.target),
  bed: (c) => temperature(c.printer.temperature?.bed?.actual ?? c.printer.telemetry?.["temp-bed"], c.printer.temperature?.bed?.target),
  chamber: () => temperature(null, null),
  progress: (c) => (c.job?.job?.file?.name ? normalizeProgress(c.job.progress?.completion) : null),
  layer: () => null,
  totalLayers: () => null,
  elapsedSeconds: (c) => (c.job?.job?.file?.name ? seconds(c.job.progress?.printTime) : null),
  remainingSeconds: (c) => (c.job?.job?.file?.name ? seconds(c.job.progress?.printTimeLeft) : null),
  jobName: (c) => {
    const file = c.job?.job?.file;
    return nonEmpty(file?.display) ?? nonEmpty(file?.name);
  },
  fileName: (c) => legacyFilePath(c.job?.job?.file?.path),
  // The legacy API has no job id.
  printerJobId: () => null,
  filament: (c) => filamentSlots([legacyMaterial(c.printer)]),
  errors: (c) => legacyState(c.printer).errors,
  lightOn: () => null,
  firmware: (c) => nonEmpty(c.version?.firmware),
  nozzleDiameterMm: (c) => nozzleDiameterMm(c.version?.nozzle_diameter),
  developerModeRequired: () => false,
};

export function mapLegacy(ctx: LegacyContext): NormalizedState {
  return applyTable(legacyFields, ctx);
}
