import { readFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import { connect, createSecureContext, type ConnectionOptions, type PeerCertificate, type SecureContext, type TLSSocket } from "node:tls";
import { PrinterFailure, type ConnectionStage } from "@/lib/printers/types";
import type { BambuConnection } from "./kind";
import { failureKeys, serialMismatchCode } from "./failures";

/**
 * One set of TLS options for MQTT, FTPS and the camera. The printer's certificate has
 * CN = serial and is signed by Bambu's CA, so verification means: trust that CA (or
 * the user's), send the serial as SNI and check the CN. Host names play no part: the
 * printer is reached by IP. "insecure" turns verification off, and only when the
 * user chose it for this printer.
 */

export type BambuTlsSettings = Pick<BambuConnection, "serial" | "tls" | "caCert">;

let bundledCa: string | null = null;

/** Bambu's CA bundle, shipped next to this file (copied from the protocol fixtures). */
export function bundledBambuCa(): string {
  bundledCa ??= readFileSync(new URL("./bbl-ca-bundle.pem", import.meta.url), "utf8");
  return bundledCa;
}

function checkSerial(serial: string): (host: string, cert: PeerCertificate) => Error | undefined {
  return (_host, cert) => {
    if (cert.subject?.CN === serial) return undefined;
    const error = new Error(`certificate CN does not match the printer serial`);
    return Object.assign(error, { code: serialMismatchCode });
  };
}

/** A broken PEM is a setting to fix, not a network hiccup to retry. */
function assertUsableCa(ca: string): void {
  try {
    new X509Certificate(ca);
  } catch (error) {
    throw new PrinterFailure("permanent", "tls", failureKeys.caInvalid, { cause: error });
  }
}

/** Trust stores by CA text: every printer trusting the same CA shares one (parsed once, held once). */
const contexts = new Map<string, SecureContext>();
/** Distinct CAs kept at most; beyond, the oldest is dropped (connections holding it keep it). */
const MAX_CONTEXTS = 64;

function sharedContext(ca: string): SecureContext {
  let context = contexts.get(ca);
  if (!context) {
    assertUsableCa(ca);
    context = createSecureContext({ ca });
    contexts.set(ca, context);
    if (contexts.size > MAX_CONTEXTS) contexts.delete(contexts.keys().next().value ?? ca);
  }
  return context;
}

export function bambuTlsOptions(settings: BambuTlsSettings): ConnectionOptions {
  if (settings.tls === "insecure") {
    return { servername: settings.serial, rejectUnauthorized: false };
  }
  const ca = settings.tls === "verify" ? bundledBambuCa() : settings.caCert;
  if (!ca) throw new PrinterFailure("permanent", "tls", failureKeys.caMissing);
  return {
    secureContext: sharedContext(ca),
    servername: settings.serial,
    rejectUnauthorized: true,
    checkServerIdentity: checkSerial(settings.serial),
  };
}

export interface TrackedTlsSocket {
  socket: TLSSocket;
  /** Where the connection is: "tcp" until connected, "tls" until the handshake is done. */
  stage(): ConnectionStage;
}

/** tls.connect that remembers how far it got, so an error names the failing stage. */
export function connectTracked(options: ConnectionOptions & { host: string; port: number }): TrackedTlsSocket {
  let stage: ConnectionStage = "tcp";
  const socket = connect(options);
  socket.once("connect", () => {
    stage = "tls";
  });
  socket.once("secureConnect", () => {
    stage = "protocol";
  });
  return { socket, stage: () => stage };
}
