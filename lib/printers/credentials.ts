import { z } from "zod";
import { audit, type AuditActor } from "@/lib/audit/audit";
import { decrypt, encrypt, isCurrentEnvelope } from "@/lib/crypto/envelope";
import { loadKeyring, type Keyring } from "@/lib/crypto/keyring";
import { db } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { printerSecretsSchema, tlsModes, type PrinterSecrets, type StoredConnection } from "./fields";
import { hasSecrets, identityChanges } from "./identity";
import { CredentialError } from "./kind";
import { descriptorFor, findDescriptor, printerKinds, type PrinterConnection } from "./registry";

const log = logger("credentials");

/**
 * Printer credentials: sealed (AES-256-GCM envelope, key id inside) wherever they rest
 * or travel, opened only in the worker, and every opening leaves an audit entry
 * "credential.read". The additional data of a stored envelope names its printer and
 * column, so a ciphertext copied to another printer or field does not open; travelling
 * envelopes have their own, so neither passes for the other.
 */

/** What every stored envelope was bound to before envelopes named their printer (version 1). */
const LEGACY_STORED_AAD = "printernizer:printer-credentials";
const TRAVEL_AAD = "printernizer:test-connection";

/** The additional data of a printer's sealed column. */
export function printerAad(printerId: string, field: string): string {
  return `printernizer:printer:${printerId}:${field}`;
}

export { CredentialError, printerSecretsSchema, type PrinterSecrets };

/** The connection fields of a test-connection form; the worker merges them over a saved printer's. */
export const connectionFormSchema = z.strictObject({
  kind: z.enum(printerKinds),
  host: z.string().optional(),
  model: z.string().optional(),
  serial: z.string().optional(),
  mqttPort: z.number().int().optional(),
  ftpPort: z.number().int().optional(),
  cameraPort: z.number().int().optional(),
  httpPort: z.number().int().optional(),
  tls: z.enum(tlsModes).optional(),
  caCert: z.string().optional(),
  secrets: printerSecretsSchema,
});
export type ConnectionForm = z.infer<typeof connectionFormSchema>;

/** The columns a connection is built from (never sent to a client as such). */
export const connectionColumns = {
  id: true,
  kind: true,
  host: true,
  model: true,
  serial: true,
  mqttPort: true,
  ftpPort: true,
  cameraPort: true,
  httpPort: true,
  tls: true,
  caCert: true,
  credentials: true,
} as const;
export interface ConnectionRow {
  id: string;
  kind: string;
  host: string;
  model: string;
  serial: string | null;
  mqttPort: number | null;
  ftpPort: number | null;
  cameraPort: number | null;
  httpPort: number | null;
  tls: string;
  caCert: string | null;
  credentials: string;
}

export const workerActor: AuditActor = { type: "worker" };

export function sealSecrets(printerId: string, secrets: PrinterSecrets, keyring: Keyring): string {
  return encrypt(JSON.stringify(printerSecretsSchema.parse(secrets)), keyring, printerAad(printerId, "credentials"));
}

/** Decrypts without auditing: only for callers that audit the read themselves. */
function openSecrets(printerId: string, stored: string, keyring: Keyring): PrinterSecrets {
  return printerSecretsSchema.parse(JSON.parse(decrypt(stored, keyring, printerAad(printerId, "credentials"), LEGACY_STORED_AAD)));
}

export async function sealForTravel(form: ConnectionForm): Promise<string> {
  return encrypt(JSON.stringify(connectionFormSchema.parse(form)), await loadKeyring(), TRAVEL_AAD);
}

async function auditRead(target: string, purpose: string, actor: AuditActor): Promise<void> {
  await audit({ actor, action: "credential.read", target, details: { purpose } });
}

/** Worker: opens a form that travelled in a command payload. */
export async function openTravelled(envelope: string, purpose: string, actor: AuditActor = workerActor): Promise<ConnectionForm> {
  const form = connectionFormSchema.parse(JSON.parse(decrypt(envelope, await loadKeyring(), TRAVEL_AAD)));
  await auditRead("unsaved-printer", purpose, actor);
  return form;
}

/** Worker: the decrypted connection of a saved printer (audited). */
export async function readPrinterConnection(
  printerId: string,
  purpose: string,
  actor: AuditActor = workerActor,
): Promise<PrinterConnection> {
  const row = await db.printer.findFirst({ where: { id: printerId, deletedAt: null }, select: connectionColumns });
  if (!row) throw new CredentialError(`printer ${printerId} does not exist`);
  const secrets = openSecrets(row.id, row.credentials, await loadKeyring());
  await auditRead(printerId, purpose, actor);
  return connectionOf(row, secrets);
}

export function connectionOf(row: StoredConnection & { kind: string }, secrets: PrinterSecrets): PrinterConnection {
  const descriptor = findDescriptor(row.kind);
  if (!descriptor) throw new CredentialError(`unknown printer kind ${row.kind}`);
  return descriptor.connectionOf(row, secrets);
}

/** Worker: a saved printer's connection with a form's fields laid over it, or the form alone. */
export async function connectionForTest(
  printerId: string | undefined,
  envelope: string | undefined,
  actor: AuditActor = workerActor,
): Promise<PrinterConnection> {
  const form = envelope ? await openTravelled(envelope, "test-connection", actor) : null;
  const saved = printerId ? await db.printer.findFirst({ where: { id: printerId, deletedAt: null }, select: connectionColumns }) : null;
  if (printerId && !saved) throw new CredentialError(`printer ${printerId} does not exist`);
  if (!form && !saved) throw new CredentialError("nothing to test");
  if (saved && form && form.kind !== saved.kind) throw new CredentialError("the form is for another kind of printer");
  // Stored secrets go only where they were given for: a form with another host, port,
  // TLS mode or certificate brings its own (the API refuses it otherwise; this holds for any caller).
  const moved = saved && form ? identityChanges(descriptorOfStored(saved.kind), saved, form).length > 0 : false;
  if (moved && form && !hasSecrets(descriptorOfStored(form.kind), form.secrets)) {
    throw new CredentialError("a test against another host, port or certificate needs the secret typed again");
  }
  let secrets: PrinterSecrets = {};
  if (saved && !moved) {
    secrets = openSecrets(saved.id, saved.credentials, await loadKeyring());
    await auditRead(saved.id, "test-connection", actor);
  }
  const row = {
    kind: form?.kind ?? saved?.kind ?? "",
    host: form?.host ?? saved?.host ?? "",
    model: form?.model ?? saved?.model ?? "unknown",
    serial: form?.serial ?? saved?.serial ?? null,
    mqttPort: form?.mqttPort ?? saved?.mqttPort ?? null,
    ftpPort: form?.ftpPort ?? saved?.ftpPort ?? null,
    cameraPort: form?.cameraPort ?? saved?.cameraPort ?? null,
    httpPort: form?.httpPort ?? saved?.httpPort ?? null,
    tls: form?.tls ?? saved?.tls ?? "verify",
    caCert: form?.caCert ?? saved?.caCert ?? null,
  };
  const merged = form ? { ...secrets, ...definedOnly(form.secrets) } : secrets;
  return connectionOf(row, merged);
}

function descriptorOfStored(kind: string) {
  const descriptor = findDescriptor(kind);
  if (!descriptor) throw new CredentialError(`unknown printer kind ${kind}`);
  return descriptor;
}

function definedOnly(secrets: PrinterSecrets): PrinterSecrets {
  return Object.fromEntries(Object.entries(secrets).filter(([, value]) => value !== undefined));
}

/** Every secret value of a connection, so text bound for a log or a response can be scrubbed of them. */
export function secretValues(connection: PrinterConnection): string[] {
  const values = descriptorFor(connection).secretValues(connection);
  return values.filter((value): value is string => typeof value === "string" && value.length >= 3);
}

export function scrub(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join("[redacted]"), text);
}

/**
 * `keys:rotate`: re-encrypts every printer's credentials with the active key, in the
 * current format. Each decryption is audited like any other credential read.
 */
export async function reencryptAllCredentials(actor: AuditActor): Promise<{ printers: number; keyId: string; unreadable: string[] }> {
  return reencryptCredentials(actor, "keys:rotate", () => true);
}

/**
 * The worker's start: rewrites credentials still in the old format (version 1 envelope,
 * one AAD for all printers) or under a key of the old derivation, so after one start no
 * row can be swapped with another. Rows already current are not touched (nor audited).
 */
export async function upgradeStoredCredentials(actor: AuditActor = workerActor): Promise<{ printers: number; keyId: string; unreadable: string[] }> {
  const keyring = await loadKeyring();
  return reencryptCredentials(actor, "credentials:upgrade", (stored) => !isCurrentEnvelope(stored, keyring));
}

async function reencryptCredentials(
  actor: AuditActor,
  purpose: string,
  needed: (stored: string) => boolean,
): Promise<{ printers: number; keyId: string; unreadable: string[] }> {
  const keyring = await loadKeyring();
  const rows = await db.printer.findMany({ select: { id: true, credentials: true } });
  let count = 0;
  const unreadable: string[] = [];
  for (const row of rows) {
    if (row.credentials === "") continue;
    let secrets: ReturnType<typeof openSecrets>;
    try {
      if (!needed(row.credentials)) continue;
      secrets = openSecrets(row.id, row.credentials, keyring);
    } catch (err) {
      // One damaged row (hand edit, lost key) must not stop the others or the worker's start;
      // it stays as it is and its printer reports the credential error when it connects.
      log.error({ printerId: row.id, purpose, err }, "printer credentials cannot be read: left as they are");
      unreadable.push(row.id);
      continue;
    }
    await auditRead(row.id, purpose, actor);
    // Only the envelope read is replaced: a concurrent edit that already rewrote the row wins.
    await db.printer.updateMany({
      where: { id: row.id, credentials: row.credentials },
      data: { credentials: sealSecrets(row.id, secrets, keyring) },
    });
    count += 1;
  }
  return { printers: count, keyId: keyring.active.id, unreadable };
}
