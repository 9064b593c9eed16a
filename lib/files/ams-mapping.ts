import type { FilamentSlot } from "@/lib/printers/types";

/** Bambu's ams_mapping entry for the external spool (vt_tray) and for "no tray". */
export const EXTERNAL_SPOOL = -1;

const amsSlotId = /^ams(\d+)-tray(\d+)$/;

/**
 * The ams_mapping value of a live filament slot: standard AMS units hold 4 trays
 * (unit*4 + tray, as tray_now counts them), AMS HT units (id >= 128) one, addressed
 * by the unit id; the external spool maps to -1. Null for slots that are not Bambu's.
 */
export function trayIndexOf(slotId: string): number | null {
  if (slotId === "ext") return EXTERNAL_SPOOL;
  const match = amsSlotId.exec(slotId);
  if (!match) return null;
  const unit = Number(match[1]);
  const tray = Number(match[2]);
  return unit >= 128 ? unit : unit * 4 + tray;
}

export interface MappableFilament {
  type: string | null;
  color: string | null;
}

const same = (a: string | null, b: string | null) => a !== null && b !== null && a.toUpperCase() === b.toUpperCase();

/**
 * A first guess for each filament of a plate: the loaded tray with the same type and
 * colour, else the same type, else the external spool. The user confirms it.
 */
export function suggestMapping(filaments: readonly MappableFilament[], slots: readonly FilamentSlot[]): number[] {
  const trays = slots
    .map((slot) => ({ slot, index: trayIndexOf(slot.id) }))
    .filter((t): t is { slot: FilamentSlot; index: number } => t.index !== null && t.index !== EXTERNAL_SPOOL);
  return filaments.map((filament) => {
    const exact = trays.find((t) => same(t.slot.type, filament.type) && same(t.slot.color, filament.color));
    const byType = trays.find((t) => same(t.slot.type, filament.type));
    return (exact ?? byType)?.index ?? EXTERNAL_SPOOL;
  });
}

/**
 * The ams_mapping array of a start: indexed by the project's filament slot - 1, so it
 * is as long as the highest slot used; slots this plate does not use stay -1.
 */
export function mappingArray(entries: readonly { slot: number; tray: number }[]): number[] {
  const length = Math.max(0, ...entries.map((e) => e.slot));
  const mapping = Array.from({ length }, () => EXTERNAL_SPOOL);
  for (const entry of entries) mapping[entry.slot - 1] = entry.tray;
  return mapping;
}

/** How Bambu names a tray on the printer's screen: "A3" (unit A, tray 3), "HT-A"; null for the external spool. */
export function trayName(slotId: string): string | null {
  const match = amsSlotId.exec(slotId);
  if (!match) return null;
  const unit = Number(match[1]);
  return unit >= 128 ? `HT-${String.fromCharCode(65 + unit - 128)}` : `${String.fromCharCode(65 + unit)}${Number(match[2]) + 1}`;
}
