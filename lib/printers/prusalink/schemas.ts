import { z } from "zod";

/**
 * Payloads of PrusaLink as the printers really send them. Two implementations answer:
 * the Buddy firmware (MK4, Core One, XL, MINI) and the Raspberry Pi Prusa-Link (MK3S).
 * Neither follows openapi.yaml exactly (Buddy listings use `ro`, the Pi's status
 * `storage` is an array, most "required" keys are missing somewhere), so every key the
 * mapping can live without is optional and nullable, and unknown keys are dropped.
 */

const optionalNumber = z.number().nullish();
const optionalString = z.string().nullish();
const optionalBoolean = z.boolean().nullish();
/** Print-file metadata is free-form (keys like "filament used [g] per tool"). */
const metadata = z.record(z.string(), z.unknown());

export const versionSchema = z.object({
  api: z.string(),
  text: z.string(),
  server: optionalString,
  hostname: optionalString,
  /** Only on Buddy 6.5.1+ and on the Pi. */
  firmware: optionalString,
  printer: optionalString,
  /** Pi: "PrusaLink I3MK3S". */
  original: optionalString,
  sdk: optionalString,
  nozzle_diameter: optionalNumber,
  capabilities: z.object({ "upload-by-put": optionalBoolean }).nullish(),
});
export type Version = z.infer<typeof versionSchema>;

export const infoSchema = z.object({
  name: optionalString,
  location: optionalString,
  serial: optionalString,
  hostname: optionalString,
  mmu: optionalBoolean,
  nozzle_diameter: optionalNumber,
  min_extrusion_temp: optionalNumber,
  farm_mode: optionalBoolean,
  sd_ready: optionalBoolean,
  active_camera: optionalBoolean,
  network_error_chime: optionalBoolean,
  /** The Pi answers a number, the spec says a string. */
  port: z.union([z.number(), z.string()]).nullish(),
});
export type Info = z.infer<typeof infoSchema>;

const statusFlagSchema = z.object({ ok: optionalBoolean, message: optionalString });

export const statusPrinterSchema = z.object({
  /** IDLE, BUSY, PRINTING, PAUSED, FINISHED, STOPPED, ATTENTION, ERROR, UNKNOWN (READY in the spec). */
  state: z.string(),
  temp_nozzle: optionalNumber,
  target_nozzle: optionalNumber,
  temp_bed: optionalNumber,
  target_bed: optionalNumber,
  axis_x: optionalNumber,
  axis_y: optionalNumber,
  axis_z: optionalNumber,
  flow: optionalNumber,
  speed: optionalNumber,
  fan_hotend: optionalNumber,
  fan_print: optionalNumber,
  status_printer: statusFlagSchema.nullish(),
  status_connect: statusFlagSchema.nullish(),
});

export const statusJobSchema = z.object({
  id: z.number().int().nullish(),
  progress: optionalNumber,
  time_remaining: optionalNumber,
  time_printing: optionalNumber,
});

export const statusStorageSchema = z.object({
  path: z.string(),
  name: optionalString,
  read_only: optionalBoolean,
  free_space: optionalNumber,
});

export const statusTransferSchema = z.object({
  id: optionalNumber,
  time_transferring: optionalNumber,
  progress: optionalNumber,
  data_transferred: optionalNumber,
});

export const statusSchema = z.object({
  printer: statusPrinterSchema,
  job: statusJobSchema.nullish(),
  /** Buddy sends one storage object, the Pi an array of them. */
  storage: z.union([statusStorageSchema, z.array(statusStorageSchema)]).nullish(),
  transfer: statusTransferSchema.nullish(),
  camera: z.object({ id: optionalString }).nullish(),
});
export type Status = z.infer<typeof statusSchema>;

export const fileRefsSchema = z.object({
  download: optionalString,
  icon: optionalString,
  thumbnail: optionalString,
});

export const jobFileSchema = z.object({
  /** Short (8.3 on USB) name. */
  name: z.string(),
  display_name: optionalString,
  /** Buddy: the folder ("/usb"); Pi: the full path including the name. */
  path: z.string(),
  display_path: optionalString,
  size: optionalNumber,
  m_timestamp: optionalNumber,
  refs: fileRefsSchema.nullish(),
  meta: metadata.nullish(),
});

export const jobSchema = z.object({
  id: z.number().int(),
  state: z.string(),
  progress: optionalNumber,
  time_remaining: optionalNumber,
  time_printing: optionalNumber,
  inaccurate_estimates: optionalBoolean,
  serial_print: optionalBoolean,
  file: jobFileSchema.nullish(),
});
export type Job = z.infer<typeof jobSchema>;

export const storageSchema = z.object({
  path: z.string(),
  name: optionalString,
  type: optionalString,
  read_only: optionalBoolean,
  available: optionalBoolean,
  free_space: optionalNumber,
  total_space: optionalNumber,
  print_files: optionalNumber,
  system_files: optionalNumber,
});
export const storageListSchema = z.object({ storage_list: z.array(storageSchema) });
export type StorageList = z.infer<typeof storageListSchema>;

/**
 * A folder listing or the metadata of one file (GET /api/v1/files/<storage>/<path>).
 * Buddy returns one level: child folders come without children.
 */
export const fileEntrySchema = z.object({
  name: z.string(),
  display_name: optionalString,
  /** PRINT_FILE, FIRMWARE, FILE, FOLDER */
  type: z.string(),
  /** Buddy says `ro`, the spec and the Pi say `read_only`. */
  ro: optionalBoolean,
  read_only: optionalBoolean,
  size: optionalNumber,
  m_timestamp: optionalNumber,
  refs: fileRefsSchema.nullish(),
  meta: metadata.nullish(),
  get children() {
    return z.array(fileEntrySchema).nullish();
  },
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

export const cameraSchema = z.object({
  camera_id: optionalString,
  config: z
    .object({ path: optionalString, name: optionalString, driver: optionalString, resolution: optionalString })
    .nullish(),
  connected: optionalBoolean,
  detected: optionalBoolean,
  stored: optionalBoolean,
  linked: optionalBoolean,
});
/** The Pi wraps the list in `camera_list`; the spec describes a bare array. */
export const cameraListSchema = z.union([z.object({ camera_list: z.array(cameraSchema) }), z.array(cameraSchema)]);
export type CameraList = z.infer<typeof cameraListSchema>;

const legacyTemperatureSchema = z.object({ actual: optionalNumber, target: optionalNumber });

export const legacyPrinterSchema = z.object({
  temperature: z.object({ tool0: legacyTemperatureSchema.nullish(), bed: legacyTemperatureSchema.nullish() }).nullish(),
  state: z.object({
    text: z.string(),
    flags: z.object({
      operational: optionalBoolean,
      paused: optionalBoolean,
      printing: optionalBoolean,
      cancelling: optionalBoolean,
      pausing: optionalBoolean,
      error: optionalBoolean,
      ready: optionalBoolean,
      busy: optionalBoolean,
      finished: optionalBoolean,
      /** Buddy spells it closedOnError, the Pi closedOrError. */
      closedOrError: optionalBoolean,
      closedOnError: optionalBoolean,
      /** Pi only: the v1 state name. */
      link_state: optionalString,
    }),
  }),
  telemetry: z
    .object({
      "temp-bed": optionalNumber,
      "temp-nozzle": optionalNumber,
      "print-speed": optionalNumber,
      "z-height": optionalNumber,
      material: optionalString,
    })
    .nullish(),
});
export type LegacyPrinter = z.infer<typeof legacyPrinterSchema>;

export const legacyJobSchema = z.object({
  state: z.string(),
  job: z
    .object({
      estimatedPrintTime: optionalNumber,
      file: z
        .object({
          name: optionalString,
          path: optionalString,
          display: optionalString,
          size: optionalNumber,
          origin: optionalString,
          date: optionalNumber,
        })
        .nullish(),
    })
    .nullish(),
  progress: z
    .object({ completion: optionalNumber, printTime: optionalNumber, printTimeLeft: optionalNumber })
    .nullish(),
});
export type LegacyJob = z.infer<typeof legacyJobSchema>;

export const legacyFileEntrySchema = z.object({
  name: z.string(),
  /** Buddy omits the leading slash on files ("usb/X.BGC"). */
  path: z.string(),
  display: optionalString,
  type: optionalString,
  origin: optionalString,
  size: optionalNumber,
  date: optionalNumber,
  read_only: optionalBoolean,
  refs: z
    .object({
      resource: optionalString,
      download: optionalString,
      thumbnailSmall: optionalString,
      thumbnailBig: optionalString,
      icon: optionalString,
      thumbnail: optionalString,
    })
    .nullish(),
  get children() {
    return z.array(legacyFileEntrySchema).nullish();
  },
});
export type LegacyFileEntry = z.infer<typeof legacyFileEntrySchema>;

export const legacyFilesSchema = z.object({
  files: z.array(legacyFileEntrySchema),
  free: z.union([z.string(), z.number()]).nullish(),
  total: z.union([z.string(), z.number()]).nullish(),
});
export type LegacyFiles = z.infer<typeof legacyFilesSchema>;
