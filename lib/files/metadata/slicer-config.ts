import { z } from "zod";
import { parseSlicerDuration } from "./duration";
import {
  MAX_FILAMENT_GRAMS,
  MAX_FILAMENT_METERS,
  MAX_FILAMENTS,
  MAX_LAYER_HEIGHT_MM,
  MAX_NOZZLE_MM,
  MAX_OBJECTS,
} from "./limits";
import { boundedNumber, cleanText, normalizeColor, positiveNumber, roundTo, sumDefined } from "./sanitize";
import type { FilamentUsage } from "./types";

/**
 * PrusaSlicer-style settings: `; key = value` comment lines in G-code and in a 3MF's
 * Slic3r_PE.config, `key=value` lines in binary G-code metadata blocks, and Bambu's
 * G-code header (`; total filament weight [g] : 2.83`). One summary for all of them.
 */

export type SlicerConfig = ReadonlyMap<string, string>;

const KEY = /^[A-Za-z0-9_][A-Za-z0-9_ ()[\]^.-]{0,99}$/;

function addPair(map: Map<string, string>, key: string, value: string): void {
  const trimmedKey = key.trim();
  if (KEY.test(trimmedKey) && !map.has(trimmedKey)) map.set(trimmedKey, value.trim());
}

/**
 * Adds the settings found in `text` to `into`; a key already present keeps its value, so
 * callers pass the most authoritative text first. `comments`: only `;` lines count.
 */
export function parseSlicerKeyValues(
  text: string,
  options: { comments: boolean },
  into: Map<string, string> = new Map(),
): Map<string, string> {
  for (const rawLine of text.split("\n")) {
    let line = rawLine.trimEnd();
    if (options.comments) {
      if (!line.startsWith(";")) continue;
      line = line.slice(1);
    }
    const equals = line.indexOf("=");
    if (equals > 0) {
      addPair(into, line.slice(0, equals), line.slice(equals + 1));
      continue;
    }
    // Bambu's header: "; model printing time: 11m 15s; total estimated time: 18m 15s"
    for (const part of line.split(";")) {
      const colon = part.indexOf(":");
      if (colon > 0) addPair(into, part.slice(0, colon), part.slice(colon + 1));
    }
  }
  return into;
}

export interface SlicerSummary {
  printSeconds?: number;
  filamentGrams?: number;
  filamentMeters?: number;
  filaments: FilamentUsage[];
  layerHeight?: number;
  nozzleDiameter?: number;
  printerModel?: string;
  objects?: string[];
}

const objectsInfoSchema = z.object({ objects: z.array(z.object({ name: z.string() })) });

function list(value: string | undefined, separator: RegExp): string[] {
  if (value === undefined || value.trim() === "" || value.trim() === '""') return [];
  return value.split(separator).slice(0, MAX_FILAMENTS).map((item) => item.trim().replace(/^"|"$/g, ""));
}

function numbers(value: string | undefined, max: number): (number | undefined)[] {
  return list(value, /,/).map((item) => boundedNumber(item, max));
}

function first<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((value) => value !== undefined);
}

function objectNames(config: SlicerConfig): string[] | undefined {
  const json = config.get("objects_info");
  if (json === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = objectsInfoSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  return parsed.data.objects
    .slice(0, MAX_OBJECTS)
    .map(({ name }) => cleanText(name))
    .filter((name): name is string => name !== undefined);
}

function slotFilaments(config: SlicerConfig, totalGrams?: number, totalMeters?: number): FilamentUsage[] {
  const types = list(config.get("filament_type"), /;/);
  const filamentColors = list(config.get("filament_colour"), /;/);
  const colors = filamentColors.length > 0 ? filamentColors : list(config.get("extruder_colour"), /;/);
  const grams = numbers(config.get("filament used [g]"), MAX_FILAMENT_GRAMS);
  const millimeters = numbers(config.get("filament used [mm]"), MAX_FILAMENT_METERS * 1000);
  const slots = Math.max(types.length, colors.length, grams.length, millimeters.length);
  const single = slots === 1;
  const filaments = Array.from({ length: slots }, (_, slot): FilamentUsage => {
    const slotGrams = grams[slot] ?? (single ? totalGrams : undefined);
    const slotMm = millimeters[slot];
    const slotMeters = slotMm === undefined ? (single ? totalMeters : undefined) : slotMm / 1000;
    return {
      type: cleanText(types[slot]) ?? null,
      color: normalizeColor(colors[slot]),
      ...(slotGrams === undefined ? {} : { grams: roundTo(slotGrams, 2) }),
      ...(slotMeters === undefined ? {} : { meters: roundTo(slotMeters, 3) }),
      amsSlot: slot + 1,
    };
  });
  const used = filaments.filter(({ grams: g, meters: m }) => (g ?? 0) > 0 || (m ?? 0) > 0);
  return used.length > 0 ? used : filaments;
}

export function summarizeSlicerConfig(config: SlicerConfig): SlicerSummary {
  const printSeconds = first(
    ...["estimated printing time (normal mode)", "total estimated time", "estimated printing time"].map((key) => {
      const value = config.get(key);
      return value === undefined ? undefined : parseSlicerDuration(value);
    }),
  );
  const filamentGrams = first(
    boundedNumber(config.get("total filament used [g]"), MAX_FILAMENT_GRAMS),
    boundedNumber(config.get("total filament weight [g]"), MAX_FILAMENT_GRAMS),
    sumDefined(numbers(config.get("filament used [g]"), MAX_FILAMENT_GRAMS)),
  );
  const filamentMm = first(
    sumDefined(numbers(config.get("filament used [mm]"), MAX_FILAMENT_METERS * 1000)),
    boundedNumber(config.get("total filament length [mm]"), MAX_FILAMENT_METERS * 1000),
  );
  const filamentMeters = filamentMm === undefined ? undefined : filamentMm / 1000;
  const layerHeight = positiveNumber(config.get("layer_height"), MAX_LAYER_HEIGHT_MM);
  const nozzleDiameter = positiveNumber(list(config.get("nozzle_diameter"), /[,;]/)[0], MAX_NOZZLE_MM);
  const printerModel = cleanText(config.get("printer_model"));
  const objects = objectNames(config);
  return {
    ...(printSeconds === undefined ? {} : { printSeconds }),
    ...(filamentGrams === undefined ? {} : { filamentGrams: roundTo(filamentGrams, 2) }),
    ...(filamentMeters === undefined ? {} : { filamentMeters: roundTo(filamentMeters, 3) }),
    filaments: slotFilaments(config, filamentGrams, filamentMeters),
    ...(layerHeight === undefined ? {} : { layerHeight }),
    ...(nozzleDiameter === undefined ? {} : { nozzleDiameter }),
    ...(printerModel === undefined ? {} : { printerModel }),
    ...(objects === undefined || objects.length === 0 ? {} : { objects }),
  };
}
