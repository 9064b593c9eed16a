import { EXTERNAL_SPOOL, trayIndexOf } from "@/lib/files/ams-mapping";
import type { PrintFileMetadata } from "@/lib/files/metadata/types";
import type { FileType } from "@/lib/files/schemas";
import type { PrinterKindDescriptor } from "@/lib/printers/kind";
import { findDescriptor } from "@/lib/printers/registry";
import type { FilamentSlot } from "@/lib/printers/types";

/**
 * Whether a file fits a printer: its type is one the printer's kind starts, it is sliced
 * (a bare .3mf project is not), it was sliced for the printer's model (the slicer's id,
 * matched through the kind descriptor's `slicerModelIds`), its nozzle diameter is the one
 * the printer reports loaded (unknown on either side does not refuse), and the filaments its plate
 * needs are loaded (kinds with AMS mapping: by the chosen mapping, else anywhere).
 * Pure: the caller reads the file's metadata and the printer's live state.
 */

export const fitCodes = [
  "project_unsliced",
  "type_unsupported",
  "plate_missing",
  "model_mismatch",
  "model_unknown",
  "nozzle_mismatch",
  "filament_missing",
  "mapping_mismatch",
  "printer_disabled",
  "printer_removed",
  "no_printer",
  "file_not_local",
] as const;
export type FitCode = (typeof fitCodes)[number];

export interface FitReason {
  code: FitCode;
  printerId: string | null;
  /** Values for the localized message. */
  params: Record<string, string | number>;
}

export interface FitFile {
  name: string;
  type: FileType;
  metadata: PrintFileMetadata | null;
}

export interface FitPrinter {
  id: string;
  name: string;
  kind: string;
  model: string;
  enabled: boolean;
  deleted: boolean;
  /** The filament the printer reports loaded (its live state); empty when unknown. */
  filament: readonly FilamentSlot[];
  /** The nozzle the printer reports loaded (its live state); null when unknown. */
  nozzleDiameterMm: number | null;
}

export interface FitRequest {
  /** 1-based; null: the first plate. */
  plate: number | null;
  amsMapping: readonly number[] | null;
}

const sameType = (a: string, b: string | null) => b !== null && a.trim().toUpperCase() === b.trim().toUpperCase();

/** Why the file cannot be printed on any printer at all, or null. */
export function fileProblem(file: FitFile, request: FitRequest): FitReason | null {
  const unsliced = file.type === "3mf" && (file.metadata === null || file.metadata.kind === "3mf");
  if (unsliced) return { code: "project_unsliced", printerId: null, params: { file: file.name } };
  const plates = file.metadata?.plates ?? [];
  if (request.plate !== null && plates.length > 0 && !plates.some((p) => p.index === request.plate)) {
    return { code: "plate_missing", printerId: null, params: { plate: request.plate } };
  }
  return null;
}

/** The slicer's ids of the model a file was sliced for (Bambu's code first, then the model name). */
export function slicedFor(metadata: PrintFileMetadata | null): string[] {
  return [metadata?.printerModelId, metadata?.printerModel].filter((id): id is string => typeof id === "string" && id.length > 0);
}

/** Diameters closer than this are the same nozzle (0.40 vs 0.4). */
const NOZZLE_TOLERANCE_MM = 0.001;

/** The file's nozzle and the printer's, when both are known and differ; else null. */
function nozzleMismatch(file: FitFile, printer: FitPrinter): { nozzle: number; fileNozzle: number } | null {
  const fileNozzle = file.metadata?.nozzleDiameter ?? null;
  const nozzle = printer.nozzleDiameterMm;
  if (fileNozzle === null || nozzle === null) return null;
  return Math.abs(fileNozzle - nozzle) > NOZZLE_TOLERANCE_MM ? { nozzle, fileNozzle } : null;
}

function filamentsOf(file: FitFile, plate: number | null) {
  const plates = file.metadata?.plates ?? [];
  const chosen = plates.find((p) => p.index === (plate ?? plates[0]?.index));
  return (chosen?.filaments ?? []).map((f, i) => ({ type: f.type, slot: f.amsSlot ?? i + 1 }));
}

function filamentReasons(file: FitFile, printer: FitPrinter, request: FitRequest): FitReason[] {
  const needed = filamentsOf(file, request.plate).filter((f): f is { type: string; slot: number } => f.type !== null);
  if (request.amsMapping) {
    const mapping = request.amsMapping;
    return needed.flatMap((f) => {
      const tray = mapping[f.slot - 1] ?? EXTERNAL_SPOOL;
      const loaded = printer.filament.find((slot) => trayIndexOf(slot.id) === tray);
      return loaded && sameType(f.type, loaded.type) ? [] : [{ code: "mapping_mismatch" as const, printerId: printer.id, params: { slot: f.slot, type: f.type } }];
    });
  }
  const missing = [...new Set(needed.map((f) => f.type.toUpperCase()))].filter((type) => !printer.filament.some((slot) => sameType(type, slot.type)));
  return missing.map((type) => ({ code: "filament_missing" as const, printerId: printer.id, params: { type } }));
}

/** Why the file does not fit this printer; empty when it fits. */
export function printerReasons(file: FitFile, printer: FitPrinter, request: FitRequest): FitReason[] {
  const at = (code: FitCode, params: Record<string, string | number> = {}): FitReason[] => [{ code, printerId: printer.id, params: { printer: printer.name, ...params } }];
  if (printer.deleted) return at("printer_removed");
  if (!printer.enabled) return at("printer_disabled");
  const descriptor: PrinterKindDescriptor | undefined = findDescriptor(printer.kind);
  if (!descriptor?.printableTypes.some((type) => type === file.type)) return at("type_unsupported", { type: file.type });
  const ids = slicedFor(file.metadata);
  if (ids.length > 0) {
    const byModel: Readonly<Record<string, readonly string[]>> = descriptor.slicerModelIds;
    const compatible = byModel[printer.model];
    if (!compatible) return at("model_unknown", { model: printer.model });
    if (!ids.some((id) => compatible.includes(id))) return at("model_mismatch", { fileModel: file.metadata?.printerModel ?? ids[0], model: printer.model });
  }
  const nozzle = nozzleMismatch(file, printer);
  if (nozzle) return at("nozzle_mismatch", nozzle);
  if (!descriptor.capabilities.has("amsMapping")) return [];
  return filamentReasons(file, printer, request).map((reason) => ({ ...reason, params: { printer: printer.name, ...reason.params } }));
}

export interface FitResult {
  ok: boolean;
  /** The printers the file fits, in the order given. */
  fitting: FitPrinter[];
  /** Why the file does not fit the others (or anything at all). */
  reasons: FitReason[];
}

/** The file against every allowed printer (one target, or all of a model, or all). */
export function fitAgainst(file: FitFile, printers: readonly FitPrinter[], request: FitRequest): FitResult {
  const problem = fileProblem(file, request);
  if (problem) return { ok: false, fitting: [], reasons: [problem] };
  if (printers.length === 0) return { ok: false, fitting: [], reasons: [{ code: "no_printer", printerId: null, params: {} }] };
  const fitting: FitPrinter[] = [];
  const reasons: FitReason[] = [];
  for (const printer of printers) {
    const why = printerReasons(file, printer, request);
    if (why.length === 0) fitting.push(printer);
    else reasons.push(...why);
  }
  return { ok: fitting.length > 0, fitting, reasons };
}
