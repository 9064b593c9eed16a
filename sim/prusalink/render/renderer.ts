import type { WireValue } from "../json-wire";
import type { ModelSnapshot } from "../printer-model";
import type { StorageEntry } from "../storage";
import type { TransferStatus } from "../transfers";

export interface SpaceInfo {
  freeBytes: number;
  totalBytes: number;
  /** Bytes of print files per storage id. */
  printBytes: Record<string, number>;
}

export interface FileTree {
  entry: StorageEntry;
  children: FileTree[];
}

/**
 * Turns simulator state into the JSON one PrusaLink flavour sends. Routes gather the
 * data; the renderer only decides the shape, so the flavour switch lives here alone.
 */
export interface FlavourRenderer {
  version(): WireValue;
  info(): WireValue;
  storage(space: SpaceInfo): WireValue;
  status(snapshot: ModelSnapshot, transfer: TransferStatus | null, space: SpaceInfo): WireValue;
  /** Null means "no job": 204 without a body. */
  job(snapshot: ModelSnapshot): WireValue | null;
  transfer(transfer: TransferStatus): WireValue;
  folder(folder: StorageEntry, children: StorageEntry[]): WireValue;
  file(file: StorageEntry): WireValue;
  legacyPrinter(snapshot: ModelSnapshot, space: SpaceInfo): WireValue;
  legacyJob(snapshot: ModelSnapshot): WireValue;
  legacyFiles(trees: FileTree[], space: SpaceInfo): WireValue;
}
