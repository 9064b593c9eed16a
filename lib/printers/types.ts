import { z } from "zod";
import type { PrinterKind } from "./registry";

/**
 * The contract between printer kinds and the rest of Printernizer. Everything
 * printer-specific lives in lib/printers/<kind>/; everything above speaks these types.
 */

export type { PrinterConnection, PrinterKind } from "./registry";

export const printerStates = [
  "idle",
  "preparing",
  "printing",
  "paused",
  "finished",
  "failed",
  "cancelled",
  "error",
  "offline",
] as const;
export type PrinterStateName = (typeof printerStates)[number];

export const filamentSlotSchema = z.object({
  /** Stable id within the printer: "ams0-tray1", "ext" (Bambu vt_tray), "tool0". */
  id: z.string(),
  type: z.string().nullable(),
  /** #RRGGBB, or null when the slot is empty/unknown. */
  color: z.string().nullable(),
  /** 0-100, or null when the printer does not know. */
  remainingPercent: z.number().nullable(),
  active: z.boolean(),
});
export type FilamentSlot = z.infer<typeof filamentSlotSchema>;

export const printerErrorSchema = z.object({
  /** Vendor code as shown by the vendor: "HMS_0300_1200_0002_0001", "0x03008015", "ATTENTION". */
  code: z.string(),
  /** Message key under "printerErrors" in the message files when known, else null. */
  messageKey: z.string().nullable(),
  /** Vendor text (untrusted, display as text only) when no key is known. */
  text: z.string().nullable(),
  severity: z.enum(["info", "warning", "error", "fatal"]),
});
export type PrinterError = z.infer<typeof printerErrorSchema>;

export const temperatureSchema = z.object({
  current: z.number().nullable(),
  target: z.number().nullable(),
});

export const normalizedStateSchema = z.object({
  online: z.boolean(),
  state: z.enum(printerStates),
  nozzle: temperatureSchema,
  bed: temperatureSchema,
  chamber: temperatureSchema,
  /** 0-100 */
  progress: z.number().nullable(),
  layer: z.number().int().nullable(),
  totalLayers: z.number().int().nullable(),
  elapsedSeconds: z.number().nullable(),
  remainingSeconds: z.number().nullable(),
  jobName: z.string().nullable(),
  fileName: z.string().nullable(),
  /**
   * Identifies one print on the printer, so a reconnect mid-print continues the same job.
   * Bambu: task_id/subtask_id or file+start; PrusaLink: job.id.
   */
  printerJobId: z.string().nullable(),
  filament: z.array(filamentSlotSchema),
  errors: z.array(printerErrorSchema),
  lightOn: z.boolean().nullable(),
  firmware: z.string().nullable(),
  /** Diameter of the nozzle the printer reports loaded; null when unknown. Optional: states stored before it lack it. */
  nozzleDiameterMm: z.number().positive().nullable().optional(),
  /** Bambu: Developer mode is required for commands and is off. */
  developerModeRequired: z.boolean(),
});
export type NormalizedState = z.infer<typeof normalizedStateSchema>;

export function offlineState(previous?: NormalizedState): NormalizedState {
  return {
    ...(previous ?? emptyState()),
    online: false,
    state: "offline",
  };
}

export function emptyState(): NormalizedState {
  return {
    online: false,
    state: "offline",
    nozzle: { current: null, target: null },
    bed: { current: null, target: null },
    chamber: { current: null, target: null },
    progress: null,
    layer: null,
    totalLayers: null,
    elapsedSeconds: null,
    remainingSeconds: null,
    jobName: null,
    fileName: null,
    printerJobId: null,
    filament: [],
    errors: [],
    lightOn: null,
    firmware: null,
    nozzleDiameterMm: null,
    developerModeRequired: false,
  };
}

/** The three kinds of failure a driver reports (Home Assistant's rule). */
export type FailureKind = "temporary" | "auth" | "permanent";

/** Where a connection test or a connection failed, most specific first. */
export const connectionStages = ["dns", "tcp", "tls", "auth", "protocol", "developer_mode", "timeout"] as const;
export type ConnectionStage = (typeof connectionStages)[number];

export class PrinterFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly stage: ConnectionStage,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "PrinterFailure";
  }
}

export const printerActions = ["pause", "resume", "stop", "light_on", "light_off", "start"] as const;
export type PrinterAction = (typeof printerActions)[number];

export type DriverCommand =
  | { action: "pause" | "resume" | "stop" | "light_on" | "light_off" }
  | { action: "start"; path: string; plate?: number; amsMapping?: number[] };

/** A file as listed on the printer's storage. */
export interface RemoteFile {
  /** Full path on the printer ("/cache/x.gcode.3mf", "/usb/FOLDER/X.BGC"). */
  path: string;
  /** Long/display name where the printer has one. */
  name: string;
  size: number | null;
  modifiedAt: Date | null;
}

export interface DownloadTarget {
  /** Bytes already present locally, to resume from when the printer allows it. */
  offset: number;
  write: NodeJS.WritableStream;
  onProgress?: (bytes: number) => void;
  /** The file's size, when the printer tells it before sending (PrusaLink's file details). */
  onSize?: (size: number) => void;
  signal?: AbortSignal;
}

export interface DriverEvents {
  /** Full normalized state after every change (the worker coalesces). */
  state: (state: NormalizedState, raw: unknown) => void;
  /** Connection went down/up; logged once per transition by the driver. */
  connection: (online: boolean, failure?: PrinterFailure) => void;
  /** A payload that failed validation; counted by the worker. */
  invalidPayload: (reason: string) => void;
}

/** What every printer kind implements. One instance owns all I/O to one printer. */
export interface PrinterDriver {
  readonly kind: PrinterKind;
  start(): void;
  stop(): Promise<void>;
  current(): NormalizedState;
  on<E extends keyof DriverEvents>(event: E, listener: DriverEvents[E]): void;
  off<E extends keyof DriverEvents>(event: E, listener: DriverEvents[E]): void;
  command(cmd: DriverCommand): Promise<void>;
  listFiles(): Promise<RemoteFile[]>;
  /** Streams a file; resolves with the byte count written (including offset). */
  download(path: string, target: DownloadTarget): Promise<{ bytes: number; resumed: boolean }>;
  upload(path: string, source: NodeJS.ReadableStream, size: number): Promise<void>;
  /** Removes a file from the printer's storage; a file already gone counts as removed. */
  deleteFile(path: string): Promise<void>;
  /** One JPEG frame, or null when this printer has no camera. */
  snapshot(): Promise<Buffer | null>;
  /** A listed file's picture without the file (PrusaLink's /thumb/l/...), where the kind has "thumbnails". */
  thumbnail?(path: string): Promise<Buffer | null>;
  /** A file's size when the listing leaves it out (PrusaLink's file details), where the kind has "fileSizes". */
  fileSize?(path: string): Promise<number | null>;
}
