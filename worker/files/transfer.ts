import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { PrinterDriver } from "@/lib/printers/types";
import { classifyDownloadError, DownloadError } from "./download-errors";
import { PartSink } from "./part-sink";

export interface TransferRequest {
  driver: PrinterDriver;
  /** Path on the printer. */
  remotePath: string;
  part: string;
  /** Size from the listing; the result must match it. Null when the printer did not say. */
  expectedSize: number | null;
  /** False when the `.part` belongs to another version of the file (size or date changed): start over. */
  partIsCurrent: boolean;
  signal: AbortSignal;
  onProgress?: (bytes: number) => void;
  /** The printer told the file's size before sending it. */
  onSize?: (size: number) => void;
}

export interface TransferResult {
  size: number;
  sha256: string;
  /** Bytes that were already in the `.part` and were kept. */
  resumedFrom: number;
}

/**
 * Streams one printer file into its `.part`, resuming from the bytes already there
 * where they can be trusted, and checks the size against the listing. The `.part` is
 * kept only where a later resume can use it (printer dropped, worker stopping); wrong
 * or incomplete-for-good content is removed so it can never be mistaken for the file.
 */
export async function transferFile(req: TransferRequest): Promise<TransferResult> {
  await mkdir(path.dirname(req.part), { recursive: true });
  const existing = await stat(req.part).then((s) => s.size, () => 0);
  const trusted = req.partIsCurrent && (req.expectedSize === null || existing <= req.expectedSize) ? existing : 0;
  let sink: PartSink | null = null;
  // A failed local write (disk full) must stop the transfer even while the driver waits for "drain".
  const local = new AbortController();
  const forward = () => local.abort(req.signal.reason);
  if (req.signal.aborted) forward();
  else req.signal.addEventListener("abort", forward, { once: true });
  let writeError: Error | null = null;
  try {
    sink = await PartSink.open(req.part, trusted);
    const opened = sink;
    opened.on("error", (err: Error) => {
      writeError ??= err;
      local.abort("write");
    });
    const resumedFrom = opened.position;
    // A size the printer states while the listing had none is checked like the listing's.
    let stated: number | null = null;
    const result = await req.driver.download(req.remotePath, {
      offset: resumedFrom,
      write: opened,
      signal: local.signal,
      onProgress: (bytes) => {
        // The printer ignored the range and resends from byte 0: overwrite, do not append.
        if (bytes < opened.position && opened.received === 0 && opened.writableLength === 0) opened.restartAt(bytes);
        req.onProgress?.(bytes);
      },
      onSize: (size) => {
        stated = size;
        req.onSize?.(size);
      },
    });
    const sha256 = await opened.complete();
    sink = null;
    const size = opened.position;
    const expected = req.expectedSize ?? stated;
    if (result.bytes !== size || (expected !== null && size !== expected)) {
      throw new DownloadError("size_mismatch", false);
    }
    return { size, sha256, resumedFrom: result.resumed ? resumedFrom : 0 };
  } catch (err) {
    const failure = classifyDownloadError(writeError ?? err, req.signal);
    // A .part that cannot be trusted up to its end is not kept for a resume.
    const kept = failure.keepPart && (await (sink?.keep() ?? Promise.resolve()).then(() => true, () => false));
    if (!failure.keepPart) await sink?.abandon();
    if (!kept) await rm(req.part, { force: true });
    throw failure;
  } finally {
    req.signal.removeEventListener("abort", forward);
  }
}
