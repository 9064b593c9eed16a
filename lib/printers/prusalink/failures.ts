import { z } from "zod";
import { PrinterFailure, type ConnectionStage, type FailureKind } from "@/lib/printers/types";

/**
 * Every way talking to a PrusaLink printer can fail, as one PrinterFailure each.
 * Messages are message keys (under "printerFailures" in the message files), never
 * English text; the technical detail travels in `cause` for the logs.
 */
export const failureKeys = {
  dns: "prusalink.dns",
  unreachable: "prusalink.unreachable",
  timeout: "prusalink.timeout",
  auth: "prusalink.auth",
  forbidden: "prusalink.forbidden",
  nonceExpired: "prusalink.nonceExpired",
  unsupportedAuth: "prusalink.unsupportedAuth",
  busy: "prusalink.busy",
  notPrusaLink: "prusalink.notPrusaLink",
  invalidPayload: "prusalink.invalidPayload",
  rejected: "prusalink.rejected",
  jobWrongState: "prusalink.jobWrongState",
  jobNotFound: "prusalink.jobNotFound",
  noActiveJob: "prusalink.noActiveJob",
  printerBusy: "prusalink.printerBusy",
  fileNotFound: "prusalink.fileNotFound",
  fileConflict: "prusalink.fileConflict",
  fileBusy: "prusalink.fileBusy",
  notDownloadable: "prusalink.notDownloadable",
  badRange: "prusalink.badRange",
  unsupportedCommand: "prusalink.unsupportedCommand",
  stopped: "prusalink.stopped",
} as const;
export type FailureKey = (typeof failureKeys)[keyof typeof failureKeys];

export function failure(kind: FailureKind, stage: ConnectionStage, key: FailureKey, detail?: unknown): PrinterFailure {
  const cause = detail instanceof Error || detail === undefined ? detail : new Error(String(detail));
  return new PrinterFailure(kind, stage, key, cause === undefined ? undefined : { cause });
}

/** A payload that did not match its schema: the printer answered, but not what we understand. */
export function invalidPayload(what: string, error: unknown): PrinterFailure {
  const detail = error instanceof z.ZodError ? `${what}: ${z.prettifyError(error)}` : `${what}: ${String(error)}`;
  return failure("temporary", "protocol", failureKeys.invalidPayload, new Error(detail));
}

export function isInvalidPayload(f: PrinterFailure): boolean {
  return f.message === failureKeys.invalidPayload;
}

const dnsCodes = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME", "EAI_NODATA"]);
const tcpCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "EPIPE",
  "EADDRNOTAVAIL",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_DESTROYED",
]);
const timeoutCodes = new Set([
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);
/** Malformed HTTP: whatever answers on that port does not speak HTTP/1.1 properly. */
const parserCodes = new Set(["UND_ERR_INFO", "HPE_INVALID_HEADER_TOKEN", "HPE_INVALID_STATUS", "UND_ERR_RES_CONTENT_LENGTH_MISMATCH"]);

/** Error codes along the cause chain; undici's parser error carries no code, only its name. */
function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if ("code" in current && typeof current.code === "string") codes.push(current.code);
    if (current.name === "HTTPParserError") codes.push("HPE_PARSER");
    current = current.cause;
  }
  return codes;
}

/** Turns a network/undici error into one of the three failure kinds. */
export function failureFromError(err: unknown): PrinterFailure {
  if (err instanceof PrinterFailure) return err;
  const codes = errorCodes(err);
  if (codes.some((c) => dnsCodes.has(c))) return failure("temporary", "dns", failureKeys.dns, err);
  if (codes.some((c) => timeoutCodes.has(c))) return failure("temporary", "timeout", failureKeys.timeout, err);
  if (codes.some((c) => tcpCodes.has(c))) return failure("temporary", "tcp", failureKeys.unreachable, err);
  if (codes.some((c) => c.startsWith("HPE_") || parserCodes.has(c)))
    return failure("temporary", "protocol", failureKeys.notPrusaLink, err);
  return failure("temporary", "tcp", failureKeys.unreachable, err);
}

/**
 * Maps a status the caller did not expect. 401 only reaches here after the Digest
 * exchange was retried, so it means the credentials are wrong.
 */
export function failureFromStatus(status: number, context: string, body?: string): PrinterFailure {
  const detail = `${context}: HTTP ${status}${body ? ` ${body.slice(0, 200)}` : ""}`;
  if (status === 401) return failure("auth", "auth", failureKeys.auth, detail);
  if (status === 403) return failure("auth", "auth", failureKeys.forbidden, detail);
  // 424: some MK3S answer it while the printer behind the Pi does not respond.
  if (status >= 500 || status === 424 || status === 429 || status === 408)
    return failure("temporary", "protocol", failureKeys.busy, detail);
  return failure("permanent", "protocol", failureKeys.rejected, detail);
}

/** True for errors raised by the network or undici, as opposed to the caller's own (disk, abort). */
export function isNetworkError(err: unknown): boolean {
  return errorCodes(err).some(
    (c) => dnsCodes.has(c) || tcpCodes.has(c) || timeoutCodes.has(c) || parserCodes.has(c) || c.startsWith("UND_ERR") || c.startsWith("HPE_"),
  );
}
