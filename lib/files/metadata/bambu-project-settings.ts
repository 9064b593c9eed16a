import { z } from "zod";
import { MAX_FILAMENTS, MAX_LAYER_HEIGHT_MM, MAX_NOZZLE_MM } from "./limits";
import { cleanText, normalizeColor, positiveNumber } from "./sanitize";

/**
 * Bambu Studio's `Metadata/project_settings.config`: the full slicer configuration as
 * JSON (~50 KB). We take the few settings that describe the job; each one that is
 * missing or of an unexpected shape is simply not known.
 */

export interface ProjectSettings {
  printerModel?: string;
  layerHeight?: number;
  nozzleDiameter?: number;
  slicerVersion?: string;
  /** Configured filament slots, 1-based by position. */
  filaments: { type: string | null; color: string | null }[];
}

const stringList = z
  .union([z.string().transform((value) => [value]), z.array(z.string())])
  .optional()
  .catch(undefined);
const text = z.string().optional().catch(undefined);

const projectSettingsSchema = z.looseObject({
  printer_model: text,
  layer_height: stringList,
  nozzle_diameter: stringList,
  version: text,
  filament_type: stringList,
  filament_colour: stringList,
});

export function parseProjectSettings(json: string): ProjectSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { filaments: [] };
  }
  const parsed = projectSettingsSchema.safeParse(raw);
  if (!parsed.success) return { filaments: [] };
  const settings = parsed.data;
  const types = (settings.filament_type ?? []).slice(0, MAX_FILAMENTS);
  const colors = (settings.filament_colour ?? []).slice(0, MAX_FILAMENTS);
  const filaments = Array.from({ length: Math.max(types.length, colors.length) }, (_, slot) => ({
    type: cleanText(types[slot]) ?? null,
    color: normalizeColor(colors[slot]),
  }));
  const printerModel = cleanText(settings.printer_model);
  const layerHeight = positiveNumber(settings.layer_height?.[0], MAX_LAYER_HEIGHT_MM);
  const nozzleDiameter = positiveNumber(settings.nozzle_diameter?.[0], MAX_NOZZLE_MM);
  const slicerVersion = cleanText(settings.version);
  return {
    ...(printerModel === undefined ? {} : { printerModel }),
    ...(layerHeight === undefined ? {} : { layerHeight }),
    ...(nozzleDiameter === undefined ? {} : { nozzleDiameter }),
    ...(slicerVersion === undefined ? {} : { slicerVersion }),
    filaments,
  };
}
