import type { PrinterDriver, PrinterKind } from "@/lib/printers/types";

/** Bambu: the plate of a multi-plate project and the AMS tray per filament slot. */
export interface StartOptions {
  plate?: number;
  amsMapping?: number[];
}

/** How the file services reach printers: through the supervisor's one driver per printer. */
export interface PrinterAccess {
  /** The driver of a connected, online printer; undefined otherwise. */
  driver(printerId: string): PrinterDriver | undefined;
  /** Ids of the printers with a running session. */
  printerIds(): Promise<string[]>;
  /** Starts a print through the printer's session, which refuses it unless the printer can take one. */
  startPrint(printerId: string, path: string, options: StartOptions): Promise<void>;
  /** Whether the printer could start a print now (idle, finished, failed, cancelled). */
  canStart(printerId: string): boolean;
  kind(printerId: string): PrinterKind | undefined;
}
