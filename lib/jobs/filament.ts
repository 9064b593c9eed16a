import { EXTERNAL_SPOOL, suggestMapping } from "@/lib/files/ams-mapping";
import type { FilamentUsage, PrintFileMetadata } from "@/lib/files/metadata/types";
import type { FilamentSlot } from "@/lib/printers/types";
import type { ClosedStatus } from "./machine";

/**
 * Filament a job used, per filament of the printed plate, from the slicer's figures in
 * the file (lib/files/metadata). Printers do not report grams: Bambu's AMS "remain" is a
 * coarse percentage (and fixed on the A1's AMS lite), PrusaLink reports none. A print
 * that ended early used about its progress share.
 */

export interface FilamentUse {
  /** The printer slot that fed it ("ams0-tray1", "ext", "tool0"), null when unknown. */
  slot: string | null;
  grams: number;
  type: string | null;
  color: string | null;
}

/** Plate number of Bambu's `gcode_file` / `param` ("/data/Metadata/plate_2.gcode"), null for anything else. */
export function plateOfGcodeFile(name: string | null): number | null {
  const match = name ? /(?:^|\/)Metadata\/plate_(\d+)\.gcode$/.exec(name) : null;
  const plate = match ? Number(match[1]) : Number.NaN;
  return Number.isInteger(plate) && plate > 0 ? plate : null;
}

/**
 * The filaments of the printed plate: the named plate, or the only one. A file of
 * several plates without a known plate gives null (its whole would overcharge).
 */
export function plateFilaments(metadata: PrintFileMetadata, plate: number | null): FilamentUsage[] | null {
  const chosen = plate !== null ? metadata.plates.find((p) => p.index === plate) : metadata.plates.length === 1 ? metadata.plates[0] : undefined;
  if (chosen) {
    if (chosen.filaments.some((f) => f.grams !== undefined)) return chosen.filaments.filter((f) => f.grams !== undefined);
    return chosen.filamentGrams === undefined ? null : [{ type: null, color: null, grams: chosen.filamentGrams }];
  }
  if (plate !== null || metadata.plates.length > 1) return null;
  if (metadata.filaments.some((f) => f.grams !== undefined)) return metadata.filaments.filter((f) => f.grams !== undefined);
  return metadata.filamentGrams === null ? null : [{ type: null, color: null, grams: metadata.filamentGrams }];
}

/** The slot id of a Bambu ams_mapping value (inverse of lib/files/ams-mapping trayIndexOf). */
export function slotOfTray(tray: number): string | null {
  if (tray === EXTERNAL_SPOOL) return "ext";
  if (!Number.isInteger(tray) || tray < 0) return null;
  if (tray >= 128) return `ams${tray}-tray0`;
  return `ams${Math.floor(tray / 4)}-tray${tray % 4}`;
}

/**
 * Which slot fed each filament: Bambu by the start's ams_mapping (indexed by the
 * project's filament id - 1), else a one-filament plate by the one tray seen feeding
 * during the print, else by type and colour against the trays seen feeding (all loaded
 * trays when none was seen); Prusa tools by the filament's extruder number.
 */
export function slotsOfFilaments(
  filaments: readonly FilamentUsage[],
  mapping: readonly number[] | null,
  live: readonly FilamentSlot[],
  seenActive: readonly string[] = [],
): (string | null)[] {
  const isPrusa = live.some((slot) => slot.id.startsWith("tool"));
  if (isPrusa) {
    return filaments.map((f, i) => {
      const id = `tool${(f.amsSlot ?? i + 1) - 1}`;
      return live.some((slot) => slot.id === id) ? id : live.length === 1 ? live[0].id : null;
    });
  }
  if (mapping && mapping.length > 0) {
    return filaments.map((f, i) => {
      const tray = mapping[(f.amsSlot ?? i + 1) - 1];
      return tray === undefined ? null : slotOfTray(tray);
    });
  }
  const active = seenActive.length > 0 ? [...seenActive] : live.filter((slot) => slot.active).map((slot) => slot.id);
  if (filaments.length === 1 && active.length === 1) return [active[0]];
  const candidates = active.length > 0 ? live.filter((slot) => active.includes(slot.id)) : live;
  if (candidates.length === 0) return filaments.map(() => null);
  return suggestMapping(filaments, candidates).map(slotOfTray);
}

export function usedGrams(planned: number, status: ClosedStatus, progress: number): number {
  const share = status === "finished" ? 1 : Math.min(Math.max(progress, 0), 100) / 100;
  return Math.round(planned * share * 1000) / 1000;
}

/** The job's use per filament, scaled by progress for a print that ended early. */
export function filamentUses(
  filaments: readonly FilamentUsage[],
  slots: readonly (string | null)[],
  status: ClosedStatus,
  progress: number,
): FilamentUse[] {
  return filaments.map((f, i) => ({ slot: slots[i] ?? null, grams: usedGrams(f.grams ?? 0, status, progress), type: f.type, color: f.color }));
}

export function totalGrams(uses: readonly FilamentUse[]): number {
  return Math.round(uses.reduce((sum, use) => sum + use.grams, 0) * 1000) / 1000;
}
