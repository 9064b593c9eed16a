import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "@/lib/log/logger";
import type { ResolvedOptions } from "../options";
import type { PrinterModel } from "../printer-model";
import type { FlavourRenderer } from "../render/renderer";
import type { Storage, StorageEntry } from "../storage";
import type { ThumbnailCache } from "../thumbnails";
import type { TransferTracker } from "../transfers";

/** Everything one simulated printer owns, shared by all request handlers. */
export interface SimContext {
  opts: ResolvedOptions;
  model: PrinterModel;
  storages: Storage[];
  render: FlavourRenderer;
  transfers: TransferTracker;
  thumbnails: ThumbnailCache;
  log: Logger;
  /** Resolves decoded API path segments: ["usb", "OTHER", "BENCHY.GCO"] or ["PrusaLink gcodes", "x.gcode"]. */
  resolveApiPath(segments: string[]): Promise<StorageEntry | null>;
}

export interface RequestContext {
  sim: SimContext;
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Raw (still percent-encoded) path without the query. */
  path: string;
  acceptsJson: boolean;
  /** Answers 401/403 itself and returns false when the request is not authenticated. */
  authorize(): boolean;
  /** Sends the firmware's error page. */
  fail(status: number, message?: string): void;
}

/** Like the firmware's selectors: claims a request (true) or passes it on (false). */
export type Selector = (ctx: RequestContext) => Promise<boolean>;

export function decodeSegments(rawPath: string): string[] | null {
  try {
    return rawPath
      .split("/")
      .filter((s) => s.length > 0)
      .map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
