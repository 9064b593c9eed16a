import { PrinterFailure, type ConnectionStage } from "@/lib/printers/types";

/**
 * Turns every vendor, socket, TLS, MQTT and FTP error into one PrinterFailure, so no
 * caller ever has to catch library errors. Messages are message keys; the original
 * error stays attached as `cause` for logs.
 */

export const failureKeys = {
  dns: "bambu.failure.dns",
  tcp: "bambu.failure.tcp",
  tls: "bambu.failure.tls",
  tlsCertificate: "bambu.failure.tlsCertificate",
  serialMismatch: "bambu.failure.serialMismatch",
  caMissing: "bambu.failure.caMissing",
  caInvalid: "bambu.failure.caInvalid",
  auth: "bambu.failure.auth",
  protocol: "bambu.failure.protocol",
  noReport: "bambu.failure.noReport",
  packetTooLarge: "bambu.failure.packetTooLarge",
  listingTooLarge: "bambu.failure.listingTooLarge",
  timeout: "bambu.failure.timeout",
  developerMode: "bambu.failure.developerMode",
  commandRejected: "bambu.failure.commandRejected",
  printerBusy: "bambu.failure.printerBusy",
  unsupportedFile: "bambu.failure.unsupportedFile",
  notConnected: "bambu.failure.notConnected",
  fileNotFound: "bambu.failure.fileNotFound",
  ftp: "bambu.failure.ftp",
  uploadIncomplete: "bambu.failure.uploadIncomplete",
  camera: "bambu.failure.camera",
  aborted: "bambu.failure.aborted",
  stopped: "bambu.failure.stopped",
} as const;

/** err_code the printer returns for commands when Developer mode is off. */
export const developerModeErrorCode = 84033543;

/** Marks our own certificate check failing (CN is not the printer's serial). */
export const serialMismatchCode = "ERR_BAMBU_SERIAL_MISMATCH";

const dnsCodes = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME"]);
const tcpCodes = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ETIMEDOUT", "EADDRNOTAVAIL"]);
const certificateCodes = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_SIGNATURE_FAILURE",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "INVALID_CA",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

function errorCode(error: unknown): string | number | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const code = error.code;
  return typeof code === "string" || typeof code === "number" ? code : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Socket, DNS and TLS errors; `stage` is where the connection was when it failed. */
export function networkFailure(error: unknown, stage: ConnectionStage): PrinterFailure {
  if (error instanceof PrinterFailure) return error;
  const code = errorCode(error);
  if (typeof code === "string") {
    if (dnsCodes.has(code)) return new PrinterFailure("temporary", "dns", failureKeys.dns, { cause: error });
    if (code === serialMismatchCode) return new PrinterFailure("permanent", "tls", failureKeys.serialMismatch, { cause: error });
    if (certificateCodes.has(code)) return new PrinterFailure("permanent", "tls", failureKeys.tlsCertificate, { cause: error });
    if (code.startsWith("ERR_SSL_") || code.startsWith("ERR_TLS_")) return new PrinterFailure("temporary", "tls", failureKeys.tls, { cause: error });
    if (tcpCodes.has(code) && stage !== "tls") return new PrinterFailure("temporary", "tcp", failureKeys.tcp, { cause: error });
  }
  const key = stage === "tcp" ? failureKeys.tcp : stage === "tls" ? failureKeys.tls : stage === "timeout" ? failureKeys.timeout : failureKeys.protocol;
  return new PrinterFailure("temporary", stage, key, { cause: error });
}

/**
 * MQTT errors. CONNACK 4 (bad user name or password) and 5 (not authorized) mean the
 * access code is wrong: retrying cannot help and would only lock the printer's few
 * client slots, so they are auth failures (ha-bambulab stops on 5 as well).
 */
export function mqttFailure(error: unknown, stage: ConnectionStage): PrinterFailure {
  if (error instanceof PrinterFailure) return error;
  const code = errorCode(error);
  if (typeof code === "number") {
    if (code === 4 || code === 5 || code === 134 || code === 135) {
      return new PrinterFailure("auth", "auth", failureKeys.auth, { cause: error });
    }
    if (code === 3 || code === 136) return new PrinterFailure("temporary", "protocol", failureKeys.protocol, { cause: error });
    return new PrinterFailure("permanent", "protocol", failureKeys.protocol, { cause: error });
  }
  const message = errorMessage(error).toLowerCase();
  if (message.includes("connack timeout") || message.includes("keepalive timeout")) {
    return new PrinterFailure("temporary", "timeout", failureKeys.timeout, { cause: error });
  }
  return networkFailure(error, stage);
}

/** basic-ftp errors carry the FTP reply code; socket errors carry Node's. */
export function ftpFailure(error: unknown): PrinterFailure {
  if (error instanceof PrinterFailure) return error;
  const code = errorCode(error);
  if (typeof code === "number") {
    if (code === 530) return new PrinterFailure("auth", "auth", failureKeys.auth, { cause: error });
    if (code === 550) return new PrinterFailure("permanent", "protocol", failureKeys.fileNotFound, { cause: error });
    if (code >= 400 && code < 500) return new PrinterFailure("temporary", "protocol", failureKeys.ftp, { cause: error });
    return new PrinterFailure("permanent", "protocol", failureKeys.ftp, { cause: error });
  }
  if (errorMessage(error).toLowerCase().includes("timeout")) {
    return new PrinterFailure("temporary", "timeout", failureKeys.timeout, { cause: error });
  }
  return networkFailure(error, "tcp");
}
