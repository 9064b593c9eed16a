import { PrinterFailure } from "@/lib/printers/types";

/** Why a download failed; each is a message key under "files.errors". */
export const downloadErrorCodes = [
  "cancelled",
  "disk_full",
  "printer_offline",
  "printer_unreachable",
  "printer_auth",
  "printer_refused",
  "size_mismatch",
  "file_gone",
  "storage_failed",
  "interrupted",
] as const;
export type DownloadErrorCode = (typeof downloadErrorCodes)[number];

export class DownloadError extends Error {
  constructor(
    readonly code: DownloadErrorCode,
    /** Keep the `.part` for a later resume (only where its bytes are still good). */
    readonly keepPart: boolean,
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = "DownloadError";
  }
}

/** Turns whatever a transfer threw into one DownloadError. */
export function classifyDownloadError(err: unknown, signal: AbortSignal): DownloadError {
  if (err instanceof DownloadError) return err;
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    return reason === "shutdown" ? new DownloadError("interrupted", true, { cause: err }) : new DownloadError("cancelled", false, { cause: err });
  }
  if (err instanceof PrinterFailure) {
    if (err.kind === "auth") return new DownloadError("printer_auth", true, { cause: err });
    if (err.kind === "permanent") return new DownloadError("printer_refused", false, { cause: err });
    return new DownloadError("printer_unreachable", true, { cause: err });
  }
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOSPC" || code === "EDQUOT") return new DownloadError("disk_full", false, { cause: err });
  if (code === "ECONNRESET" || code === "ETIMEDOUT" || code === "ECONNREFUSED" || code === "EPIPE") {
    return new DownloadError("printer_unreachable", true, { cause: err });
  }
  if (typeof code === "string" && code.startsWith("E")) return new DownloadError("storage_failed", false, { cause: err });
  return new DownloadError("printer_unreachable", true, { cause: err });
}
