import { z } from "zod";
import {
  MAX_FILAMENT_GRAMS,
  MAX_FILAMENT_METERS,
  MAX_FILAMENTS,
  MAX_NOZZLE_MM,
  MAX_OBJECTS,
  MAX_PLATES,
  MAX_PRINT_SECONDS,
} from "./limits";
import { roundTo } from "./sanitize";
import type { FilamentUsage } from "./types";
import { findElements, keyValueMetadata } from "./xml-elements";
import { amountField, colorField, indexField, sizeField, textField } from "./xml-fields";

/**
 * Bambu Studio's `Metadata/slice_info.config`: what each sliced plate needs (seconds,
 * grams, filaments per slot, the printer model it was sliced for). An unsliced
 * project has the file with a header and no plates.
 */

export interface SlicedPlate {
  index: number;
  /** "N1", "N2S", "BL-P001". */
  printerModelId?: string;
  nozzleDiameter?: number;
  printSeconds?: number;
  weightGrams?: number;
  objects: string[];
  filaments: FilamentUsage[];
}

export interface SliceInfo {
  /** "02.04.00.70" from the X-BBL-Client-Version header. */
  clientVersion?: string;
  plates: SlicedPlate[];
}

const plateMetadataSchema = z.object({
  index: indexField(MAX_PLATES),
  printer_model_id: textField,
  nozzle_diameters: sizeField(MAX_NOZZLE_MM),
  prediction: amountField(MAX_PRINT_SECONDS),
  weight: amountField(MAX_FILAMENT_GRAMS),
});

const filamentSchema = z.object({
  id: indexField(MAX_FILAMENTS),
  type: textField,
  color: colorField,
  used_g: amountField(MAX_FILAMENT_GRAMS),
  used_m: amountField(MAX_FILAMENT_METERS),
});

const objectSchema = z.object({
  name: textField,
  skipped: z.string().optional(),
});

function parseFilament(attributes: Readonly<Record<string, string>>): FilamentUsage | undefined {
  const parsed = filamentSchema.safeParse(attributes);
  if (!parsed.success) return undefined;
  const { id, type, color, used_g: grams, used_m: meters } = parsed.data;
  return {
    type: type ?? null,
    color,
    ...(grams === undefined ? {} : { grams: roundTo(grams, 2) }),
    ...(meters === undefined ? {} : { meters: roundTo(meters, 3) }),
    ...(id === undefined ? {} : { amsSlot: id }),
  };
}

function parsePlate(body: string): SlicedPlate | undefined {
  const metadata = plateMetadataSchema.safeParse(Object.fromEntries(keyValueMetadata(body)));
  if (!metadata.success || metadata.data.index === undefined) return undefined;
  const objects = findElements(body, "object")
    .flatMap(({ attributes }) => {
      const parsed = objectSchema.safeParse(attributes);
      return parsed.success && parsed.data.skipped !== "true" && parsed.data.name !== undefined ? [parsed.data.name] : [];
    })
    .slice(0, MAX_OBJECTS);
  const filaments = findElements(body, "filament")
    .map(({ attributes }) => parseFilament(attributes))
    .filter((filament): filament is FilamentUsage => filament !== undefined)
    .slice(0, MAX_FILAMENTS);
  const { index, printer_model_id, nozzle_diameters, prediction, weight } = metadata.data;
  return {
    index,
    ...(printer_model_id === undefined ? {} : { printerModelId: printer_model_id }),
    ...(nozzle_diameters === undefined ? {} : { nozzleDiameter: nozzle_diameters }),
    ...(prediction === undefined ? {} : { printSeconds: Math.round(prediction) }),
    ...(weight === undefined ? {} : { weightGrams: roundTo(weight, 2) }),
    objects,
    filaments,
  };
}

export function parseSliceInfo(xml: string): SliceInfo {
  const header = new Map(
    findElements(xml, "header_item").map(({ attributes }) => [attributes.key ?? "", attributes.value ?? ""] as const),
  );
  const plates = new Map<number, SlicedPlate>();
  for (const element of findElements(xml, "plate")) {
    if (plates.size >= MAX_PLATES) break;
    const plate = parsePlate(element.body ?? "");
    if (plate && !plates.has(plate.index)) plates.set(plate.index, plate);
  }
  const clientVersion = textField.parse(header.get("X-BBL-Client-Version"));
  return {
    ...(clientVersion === undefined ? {} : { clientVersion }),
    plates: [...plates.values()].sort((a, b) => a.index - b.index),
  };
}
