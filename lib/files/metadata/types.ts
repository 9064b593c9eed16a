import { z } from "zod";

/**
 * What Printernizer knows about a print file without printing it: per-plate time and
 * filament (for the job's cost), the slicer's settings, and which thumbnails exist.
 * Values the file does not state are null (or absent where optional); values the file
 * states absurdly (negative grams, a print time of centuries) are treated as not stated.
 * The schemas double as the contract for storing this object as JSON.
 */

export const printFileKinds = ["gcode.3mf", "3mf", "gcode", "bgcode"] as const;
export type PrintFileKind = (typeof printFileKinds)[number];

export const thumbnailFormats = ["png", "jpg", "qoi"] as const;
export type ThumbnailFormat = (typeof thumbnailFormats)[number];

export const filamentUsageSchema = z.object({
  /** Material as the slicer names it: "PLA", "PETG". */
  type: z.string().nullable(),
  /** #RRGGBB (upper case), or null when unknown. */
  color: z.string().regex(/^#[0-9A-F]{6}$/).nullable(),
  grams: z.number().nonnegative().optional(),
  meters: z.number().nonnegative().optional(),
  /**
   * 1-based filament slot of the sliced project: Bambu's filament id (a print start's
   * `ams_mapping[amsSlot - 1]` picks the physical tray), Prusa's extruder/MMU slot.
   */
  amsSlot: z.number().int().positive().optional(),
});
export type FilamentUsage = z.infer<typeof filamentUsageSchema>;

export const plateInfoSchema = z.object({
  /** 1-based, as the slicer numbers plates (Bambu `Metadata/plate_<index>.gcode`). */
  index: z.number().int().positive(),
  name: z.string().optional(),
  printSeconds: z.number().nonnegative().optional(),
  filamentGrams: z.number().nonnegative().optional(),
  filaments: z.array(filamentUsageSchema),
  /** Object names on this plate. */
  objects: z.array(z.string()).optional(),
  /** Zip entry of the plate's picture ("Metadata/plate_1.png"); 3MF files only. */
  thumbnailEntry: z.string().optional(),
});
export type PlateInfo = z.infer<typeof plateInfoSchema>;

export const thumbnailInfoSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  format: z.enum(thumbnailFormats),
  plate: z.number().int().positive().optional(),
});
export type ThumbnailInfo = z.infer<typeof thumbnailInfoSchema>;

export const slicerInfoSchema = z.object({
  /** "BambuStudio", "PrusaSlicer", "OrcaSlicer". */
  name: z.string(),
  version: z.string().nullable(),
});
export type SlicerInfo = z.infer<typeof slicerInfoSchema>;

export const printFileMetadataSchema = z.object({
  kind: z.enum(printFileKinds),
  plates: z.array(plateInfoSchema),
  /** Whole file: the sum over plates where a file holds several (each is printed alone). */
  printSeconds: z.number().nonnegative().nullable(),
  filamentGrams: z.number().nonnegative().nullable(),
  filamentMeters: z.number().nonnegative().nullable(),
  /** Whole file, summed per slot over plates. */
  filaments: z.array(filamentUsageSchema),
  layerHeight: z.number().positive().nullable(),
  nozzleDiameter: z.number().positive().nullable(),
  /** The slicer's printer model: "Bambu Lab A1 mini", "MK4ISMMU3", "MINI". */
  printerModel: z.string().nullable(),
  /** Bambu's model code the file was sliced for ("N1" = A1 mini, "N2S" = A1, "BL-P001" = X1C). */
  printerModelId: z.string().nullable(),
  slicer: slicerInfoSchema.nullable(),
  objects: z.array(z.string()).optional(),
  /** Pictures the file holds; readThumbnail returns the PNG/JPG ones. */
  thumbnails: z.array(thumbnailInfoSchema),
});
export type PrintFileMetadata = z.infer<typeof printFileMetadataSchema>;

export interface ThumbnailImage {
  data: Buffer;
  format: "png" | "jpg";
  width: number;
  height: number;
}

export interface ReadThumbnailOptions {
  /** 1-based plate; default: the first plate. Single-plate formats only have plate 1. */
  plate?: number;
  /** Default true: the largest picture; false: the smallest (list icons). */
  preferLargest?: boolean;
}
