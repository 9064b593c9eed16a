import type { FilamentSlot } from "@/lib/printers/types";
import type { MaterialView, SpoolView } from "./schemas";

/** A spool Printernizer does not know is assumed full at this weight when the AMS reports a share left. */
export const FULL_SPOOL_GRAMS = 1000;

export interface ReportedTray {
  key: string;
  printer: { id: string; name: string };
  slot: FilamentSlot;
}

const sameType = (a: string | null, b: string) => a !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The slots where a printer reports filament (a type) but no active spool is loaded: the
 * offers of the materials page to create the spool from what the AMS says.
 */
export function traysWithoutSpool(
  printers: { id: string; name: string }[],
  reported: (printerId: string) => FilamentSlot[],
  spools: Pick<SpoolView, "archived" | "printerId" | "slot">[],
): ReportedTray[] {
  const loaded = new Set(spools.filter((s) => !s.archived && s.printerId && s.slot).map((s) => `${s.printerId}/${s.slot}`));
  return printers.flatMap((printer) =>
    reported(printer.id)
      .filter((slot) => slot.type && !loaded.has(`${printer.id}/${slot.id}`))
      .map((slot) => ({ key: `${printer.id}/${slot.id}`, printer, slot })),
  );
}

/** Active materials for a tray, those of the reported type first. */
export function materialsForTray(slot: Pick<FilamentSlot, "type">, materials: MaterialView[]): MaterialView[] {
  const active = materials.filter((m) => !m.archived);
  return [...active.filter((m) => sameType(slot.type, m.type)), ...active.filter((m) => !sameType(slot.type, m.type))];
}

/** The new spool's fields: loaded in the tray, with the share the AMS reports left of a full spool. */
export function spoolFromTray(printerId: string, slot: Pick<FilamentSlot, "id" | "remainingPercent">, materialId: string) {
  return {
    materialId,
    initialGrams: FULL_SPOOL_GRAMS,
    ...(slot.remainingPercent === null ? {} : { remainingGrams: Math.round(slot.remainingPercent * FULL_SPOOL_GRAMS) / 100 }),
    printerId,
    slot: slot.id,
  };
}
