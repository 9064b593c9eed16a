/**
 * The one failure of this module. `code` is what callers branch on (and what the UI
 * maps to a message key); the message is a technical detail for logs only.
 * I/O errors of the file itself (ENOENT, EACCES) are not MetadataErrors: they pass through.
 */
export type MetadataErrorCode = "unsupported" | "corrupt" | "too_large";

export class MetadataError extends Error {
  constructor(
    readonly code: MetadataErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MetadataError";
  }
}

export function corrupt(message: string, cause?: unknown): MetadataError {
  return new MetadataError("corrupt", message, cause === undefined ? undefined : { cause });
}
