/**
 * Caps that keep a hostile or broken file from costing more than a few tens of MiB or
 * more than a moment: print files come from printers and from users' uploads.
 */
const MiB = 1024 * 1024;

/** Largest inflated XML/JSON/INI metadata entry or block we read. */
export const MAX_METADATA_BYTES = 16 * MiB;
/** Largest inflated thumbnail. */
export const MAX_THUMBNAIL_BYTES = 32 * MiB;
/** Plain G-code: the head holds thumbnails and Bambu's header, the tail PrusaSlicer's summary and config. */
export const GCODE_HEAD_BYTES = 1 * MiB;
export const GCODE_TAIL_BYTES = 256 * 1024;
/** Bytes inflated from the start of a 3D model to find its <metadata> (meshes follow them). */
export const MODEL_HEAD_BYTES = 64 * 1024;
/** Zip central directory: more than this is not a print file. */
export const MAX_ZIP_DIRECTORY_BYTES = 16 * MiB;
export const MAX_ZIP_ENTRIES = 100_000;
/** Binary G-code: slicers write 64 KiB G-code blocks, so a million is far beyond any real file. */
export const MAX_BGCODE_BLOCKS = 1_000_000;
export const MAX_PLATES = 1_000;
export const MAX_FILAMENTS = 256;
export const MAX_OBJECTS = 10_000;
export const MAX_THUMBNAILS = 64;
export const MAX_IMAGE_SIDE = 16_384;
export const MAX_TEXT_LENGTH = 256;
/** Sanity bounds: a print over a year or a spool over 100 kg is a broken number. */
export const MAX_PRINT_SECONDS = 366 * 24 * 3600;
export const MAX_FILAMENT_GRAMS = 100_000;
export const MAX_FILAMENT_METERS = 1_000_000;
export const MAX_LAYER_HEIGHT_MM = 10;
export const MAX_NOZZLE_MM = 10;
