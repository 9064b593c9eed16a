import { roundTo } from "./sanitize";
import type { FilamentUsage } from "./types";

/** Whole-file filament use from per-plate use: summed per slot (or per material and color). */
export function mergeFilaments(lists: readonly (readonly FilamentUsage[])[]): FilamentUsage[] {
  const merged = new Map<string, FilamentUsage>();
  for (const filament of lists.flat()) {
    const key = filament.amsSlot !== undefined ? `slot:${filament.amsSlot}` : `kind:${filament.type}:${filament.color}`;
    const known = merged.get(key);
    if (!known) {
      merged.set(key, { ...filament });
      continue;
    }
    if (filament.grams !== undefined) known.grams = roundTo((known.grams ?? 0) + filament.grams, 2);
    if (filament.meters !== undefined) known.meters = roundTo((known.meters ?? 0) + filament.meters, 3);
  }
  return [...merged.values()].sort((a, b) => (a.amsSlot ?? Number.MAX_SAFE_INTEGER) - (b.amsSlot ?? Number.MAX_SAFE_INTEGER));
}
