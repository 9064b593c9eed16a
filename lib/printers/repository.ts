import { bedColumns, bedViewOf, type BedColumns } from "./bed";
import type { z } from "zod";
import { ApiError, apiError, issuesOf } from "@/lib/api/errors";
import { audit, type AuditActor } from "@/lib/audit/audit";
import { isUniqueViolation } from "@/lib/auth/db-errors";
import { KEY_MAX_AGE_DAYS, keyAgeDays, loadKeyring } from "@/lib/crypto/keyring";
import { db } from "@/lib/db";
import { appendEvent } from "@/lib/events/append";
import { printerEventSchemas } from "./events";
import { sealSecrets, type PrinterSecrets } from "./credentials";
import { connectionColumnNames, secretFieldNames, tlsModes, type ConnectionColumn, type PortField, type SecretField } from "./fields";
import { secretRequiredIssue } from "./identity";
import type { PrinterKindDescriptor } from "./kind";
import { findDescriptor, isPrinterKind, printerKindRegistry, type KindDescriptor } from "./registry";
import { liveStatusSchema, type CreatePrinterInput, type PrinterView, type UpdatePrinterInput } from "./schemas";
import { normalizedStateSchema } from "./types";

/**
 * Printers as the web and the CLI manage them. This module only ever encrypts
 * credentials; it cannot read them back (the worker alone decrypts).
 */

export interface ActorContext {
  actor: AuditActor;
  ip?: string | null;
}

/** Every column but the credentials. */
const viewColumns = {
  id: true,
  name: true,
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
  location: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
  ...bedColumns,
  status: {
    select: { online: true, state: true, data: true, lastMessageAt: true, lastError: true, reconnects: true, updatedAt: true },
  },
} as const;

type ViewRow = BedColumns & {
  id: string;
  name: string;
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
  location: string | null;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  status: {
    online: boolean;
    state: string;
    data: string;
    lastMessageAt: Date | null;
    lastError: string | null;
    reconnects: number;
    updatedAt: Date;
  } | null;
};

function parseState(data: string): z.infer<typeof normalizedStateSchema> | null {
  try {
    const parsed = normalizedStateSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function toPrinterView(row: ViewRow): PrinterView {
  if (!isPrinterKind(row.kind)) throw new Error(`printer ${row.id} has an unknown kind`);
  const descriptor: KindDescriptor = printerKindRegistry[row.kind];
  const uses = (column: ConnectionColumn) => descriptor.columns.some((c) => c === column);
  const port = (field: PortField) => (uses(field) ? (row[field] ?? descriptor.defaultPorts[field]) : null);
  const live = row.status
    ? liveStatusSchema.parse({
        online: row.status.online,
        state: row.status.state,
        data: parseState(row.status.data),
        lastMessageAt: row.status.lastMessageAt?.toISOString() ?? null,
        lastError: row.status.lastError,
        reconnects: row.status.reconnects,
        updatedAt: row.status.updatedAt.toISOString(),
      })
    : null;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    host: row.host,
    model: row.model,
    serial: row.serial,
    mqttPort: port("mqttPort"),
    ftpPort: port("ftpPort"),
    cameraPort: port("cameraPort"),
    httpPort: port("httpPort"),
    tls: uses("tls") ? (tlsModes.find((m) => m === row.tls) ?? "verify") : null,
    hasCaCert: row.caCert !== null,
    location: row.location,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    live,
    bed: bedViewOf(row),
  };
}

export async function listPrinters(): Promise<PrinterView[]> {
  const rows = await db.printer.findMany({ where: { deletedAt: null }, select: viewColumns, orderBy: { name: "asc" } });
  return rows.map(toPrinterView);
}

export async function getPrinter(id: string): Promise<PrinterView> {
  const row = await db.printer.findFirst({ where: { id, deletedAt: null }, select: viewColumns });
  if (!row) throw apiError("not_found");
  return toPrinterView(row);
}

/** Throws 404 unless the printer exists and is not removed. */
export async function assertPrinterExists(id: string): Promise<{ id: string; kind: string; enabled: boolean }> {
  const row = await db.printer.findFirst({ where: { id, deletedAt: null }, select: { id: true, kind: true, enabled: true } });
  if (!row) throw apiError("not_found");
  return row;
}

export async function credentialKeyStatus(now = new Date()) {
  const { active } = await loadKeyring();
  const ageDays = keyAgeDays(active, now);
  return { keyId: active.id, ageDays, maxAgeDays: KEY_MAX_AGE_DAYS, rotateRecommended: ageDays !== null && ageDays >= KEY_MAX_AGE_DAYS };
}

function nameTaken(): ApiError {
  return apiError("name_taken", { field: "name" });
}

async function notify(printerId: string, action: "created" | "updated" | "deleted", enabled: boolean): Promise<void> {
  await appendEvent(printerEventSchemas, "printer.changed", { action, enabled }, printerId);
}

export async function createPrinter(input: CreatePrinterInput, ctx: ActorContext): Promise<PrinterView> {
  const keyring = await loadKeyring();
  const descriptor: KindDescriptor = printerKindRegistry[input.kind];
  const fields: Partial<Record<ConnectionColumn | SecretField, string | number>> = input;
  const columns = Object.fromEntries(descriptor.columns.map((column) => [column, fields[column] ?? null]));
  const data = {
    name: input.name,
    kind: input.kind,
    host: input.host,
    model: input.model ?? "unknown",
    location: input.location ?? null,
    ...columns,
    tls: typeof fields.tls === "string" ? fields.tls : "verify",
  };
  const secrets = descriptor.secretsOf(pick(fields, descriptor.secretFields));
  try {
    // The sealed credentials name their printer, so the row's id comes first.
    const row = await db.$transaction(async (tx) => {
      const created = await tx.printer.create({ data: { ...data, credentials: "" }, select: { id: true } });
      return tx.printer.update({ where: { id: created.id }, data: { credentials: sealSecrets(created.id, secrets, keyring) }, select: viewColumns });
    });
    await audit({ ...ctx, action: "printer.created", target: row.id, details: { kind: row.kind, name: row.name, host: row.host } });
    await notify(row.id, "created", row.enabled);
    return toPrinterView(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

/** The string fields of `input` named in `names`. */
function pick(input: Partial<Record<ConnectionColumn | SecretField, unknown>>, names: readonly SecretField[]): Partial<Record<SecretField, string>> {
  return Object.fromEntries(names.flatMap((name) => (typeof input[name] === "string" ? [[name, input[name]]] : [])));
}

export function fieldError(path: string, message: string, code = "custom"): ApiError {
  return apiError("validation_failed", { issues: [{ path, code, message }] });
}

/** The stored columns a patch or a test of a saved printer is checked against. */
export const savedConnectionColumns = {
  kind: true,
  host: true,
  mqttPort: true,
  ftpPort: true,
  cameraPort: true,
  httpPort: true,
  tls: true,
  caCert: true,
} as const;
export type SavedConnection = { [K in Exclude<keyof typeof savedConnectionColumns, "kind" | "host" | "tls">]: K extends "caCert" ? string | null : number | null } & {
  kind: string;
  host: string;
  tls: string;
};

/**
 * A change against a saved printer: the kind's own cross-field rule, then the secret rule
 * (a new host, port, TLS mode or certificate needs the secret typed again).
 */
export function checkAgainstSaved(
  descriptor: PrinterKindDescriptor,
  saved: SavedConnection,
  change: UpdatePrinterInput,
): void {
  const issue = descriptor.checkPatch?.({ current: saved, patch: change }) ?? null;
  if (issue) throw fieldError(issue.path, issue.message);
  const missing = secretRequiredIssue(descriptor, saved, change);
  if (missing) throw fieldError(missing.path, missing.message, missing.code);
}

/** Checks a patch against the printer's kind and returns the new secrets, if it replaces them. */
function validatePatch(descriptor: PrinterKindDescriptor, current: SavedConnection, patch: UpdatePrinterInput): PrinterSecrets | null {
  const own: readonly string[] = [...descriptor.columns, ...descriptor.secretFields];
  for (const field of [...connectionColumnNames, ...secretFieldNames]) {
    if (patch[field] !== undefined && !own.includes(field)) throw fieldError(field, `not a field of ${descriptor.kind} printers`);
  }
  checkAgainstSaved(descriptor, current, patch);
  if (!secretFieldNames.some((field) => patch[field] !== undefined)) return null;
  const parsed = descriptor.patchSecretsSchema.safeParse(pick(patch, descriptor.secretFields));
  if (!parsed.success) throw apiError("validation_failed", { issues: issuesOf(parsed.error) });
  return parsed.data;
}

export async function updatePrinter(id: string, patch: UpdatePrinterInput, ctx: ActorContext): Promise<PrinterView> {
  const current = await db.printer.findFirst({ where: { id, deletedAt: null }, select: savedConnectionColumns });
  if (!current) throw apiError("not_found");
  const descriptor: PrinterKindDescriptor | undefined = findDescriptor(current.kind);
  if (!descriptor) throw new Error(`printer ${id} has an unknown kind`);
  const secrets = validatePatch(descriptor, current, patch);
  const { accessCode: _a, username: _u, password: _p, apiKey: _k, ...plain } = patch;
  const resets = descriptor.resetOnPatch?.({ current, patch }) ?? {};
  try {
    const row = await db.printer.update({
      where: { id },
      data: { ...plain, ...resets, ...(secrets ? { credentials: sealSecrets(id, secrets, await loadKeyring()) } : {}) },
      select: viewColumns,
    });
    const changed = Object.keys(patch).filter((key) => !(secretFieldNames as readonly string[]).includes(key));
    await audit({ ...ctx, action: "printer.updated", target: id, details: { fields: changed, credentialsChanged: secrets !== null } });
    await notify(id, "updated", row.enabled);
    return toPrinterView(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

/**
 * Removes a printer. Jobs are business records and keep their printer: a printer with
 * jobs is archived instead (hidden, disabled, credentials wiped, name freed for reuse
 * by a suffix), its open jobs closed and its open alerts resolved.
 */
export async function deletePrinter(id: string, ctx: ActorContext): Promise<{ archived: boolean }> {
  const row = await db.printer.findFirst({ where: { id, deletedAt: null }, select: { id: true, name: true } });
  if (!row) throw apiError("not_found");
  const jobs = await db.job.count({ where: { printerId: id } });
  const now = new Date();
  if (jobs === 0) {
    await db.printer.delete({ where: { id } });
  } else {
    await db.$transaction([
      db.job.updateMany({
        where: { printerId: id, status: { in: ["printing", "paused"] } },
        data: { status: "failed", errorCode: "printer_removed", endedAt: now },
      }),
      db.alert.updateMany({ where: { printerId: id, resolvedAt: null }, data: { resolvedAt: now } }),
      db.printerStatus.deleteMany({ where: { printerId: id } }),
      db.printer.update({
        where: { id },
        data: { deletedAt: now, enabled: false, credentials: "", name: `${row.name.slice(0, 80)} [${id.slice(-8)}]` },
      }),
    ]);
  }
  await audit({ ...ctx, action: "printer.deleted", target: id, details: { name: row.name, archived: jobs > 0 } });
  await notify(id, "deleted", false);
  return { archived: jobs > 0 };
}
