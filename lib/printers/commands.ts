import { apiError } from "@/lib/api/errors";
import { audit, type AuditActor } from "@/lib/audit/audit";
import { assertBedClear } from "./bed-actions";
import { awaitCommandResult, type CommandOutcome, type CommandStatus } from "@/lib/commands/await-result";
import { enqueueCommand } from "@/lib/commands/enqueue";
import { printerCommandSchemas } from "./command-schemas";
import { db } from "@/lib/db";
import { connectionFormSchema, sealForTravel, type ConnectionForm } from "./credentials";
import type { PrinterKindDescriptor } from "./kind";
import { printerKindRegistry } from "./registry";
import { assertPrinterExists, checkAgainstSaved, fieldError, savedConnectionColumns } from "./repository";
import { startBlocker } from "./startable";
import { connectionTestResultSchema, type ConnectionTestResult, type PrinterCommandBody, type TestConnectionBody } from "./schemas";

/**
 * The web's side of printer commands: checks, the audit entry, the Command row, and
 * optionally waiting for the worker's answer. The web never talks to a printer.
 */

export interface CommandRequester {
  actor: AuditActor;
  userId: string;
  ip?: string | null;
}

export const COMMAND_WAIT_MS = 10_000;
export const TEST_WAIT_MS = 30_000;

/** The command's outcome, or where it stands when the worker has not finished within `timeoutMs`. */
export async function waitForCommand(id: number, timeoutMs: number): Promise<CommandOutcome> {
  const outcome = await awaitCommandResult(id, timeoutMs);
  if (outcome) return outcome;
  const row = await db.command.findUnique({ where: { id }, select: { status: true } });
  return { status: row?.status === "running" ? "running" : "pending", result: null, error: null };
}

export async function requestPrinterCommand(
  printerId: string,
  body: PrinterCommandBody,
  who: CommandRequester,
  wait: boolean,
): Promise<{ commandId: number; status: CommandStatus; error: string | null }> {
  const printer = await assertPrinterExists(printerId);
  if (!printer.enabled) throw apiError("printer_disabled");
  if (body.action === "start") {
    const status = await db.printerStatus.findUnique({ where: { printerId }, select: { state: true, online: true } });
    assertCanStart(status);
    await assertBedClear(printerId);
  }
  const commandId = await enqueueCommand(printerCommandSchemas, "printer.command", body, { printerId, createdById: who.userId });
  await audit({
    actor: who.actor,
    ip: who.ip,
    action: "printer.command",
    target: printerId,
    details: { action: body.action, commandId, ...(body.path ? { path: body.path } : {}) },
  });
  if (!wait) return { commandId, status: "pending", error: null };
  const outcome = await waitForCommand(commandId, COMMAND_WAIT_MS);
  return { commandId, status: outcome.status, error: outcome.error };
}

/** The API's answer when a printer cannot take a print now. */
export function assertCanStart(status: { online: boolean; state: string } | null): void {
  const blocker = startBlocker(status);
  if (blocker === "offline" || !status) throw apiError("printer_offline");
  if (blocker === "busy") throw apiError("printer_busy", { state: status.state });
}

/** The unsaved form of a test body: the kind's columns, and its secrets grouped to travel sealed. */
function formOf(body: TestConnectionBody): ConnectionForm | null {
  if (!("kind" in body)) return null;
  const descriptor: PrinterKindDescriptor = printerKindRegistry[body.kind];
  const fields: Partial<Record<string, unknown>> = body;
  const only = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, fields[name]]));
  return connectionFormSchema.parse({
    kind: body.kind,
    host: body.host,
    model: body.model,
    ...only(descriptor.columns),
    secrets: only(descriptor.secretFields),
  });
}

/**
 * A test of a saved printer with form fields: the kind's TLS rule against the stored
 * certificate, and the secret rule (a different host, port, TLS mode or certificate
 * needs the secret typed, never the stored one sent there).
 */
async function checkTestAgainstSaved(printerId: string, body: TestConnectionBody): Promise<void> {
  const saved = await db.printer.findFirst({ where: { id: printerId, deletedAt: null }, select: savedConnectionColumns });
  if (!saved) throw apiError("not_found");
  if (!("kind" in body)) return;
  if (body.kind !== saved.kind) throw fieldError("kind", `printer ${printerId} is not a ${body.kind} printer`);
  const { printerId: _id, kind: _kind, name: _name, ...change } = body;
  checkAgainstSaved(printerKindRegistry[body.kind], saved, change);
}

export async function requestConnectionTest(
  body: TestConnectionBody,
  who: CommandRequester,
): Promise<{ commandId: number; status: CommandStatus; result: ConnectionTestResult | null; error: string | null }> {
  const printerId = body.printerId;
  const form = formOf(body);
  if (printerId) await checkTestAgainstSaved(printerId, body);
  const connection = form ? await sealForTravel(form) : undefined;
  const commandId = await enqueueCommand(
    printerCommandSchemas,
    "printer.test-connection",
    { printerId, connection },
    { printerId: printerId ?? null, createdById: who.userId },
  );
  await audit({
    actor: who.actor,
    ip: who.ip,
    action: "printer.test_connection",
    target: printerId ?? null,
    details: { commandId, kind: form?.kind ?? null, host: form?.host ?? null },
  });
  const outcome = await waitForCommand(commandId, TEST_WAIT_MS);
  const parsed = connectionTestResultSchema.safeParse(outcome.result);
  return { commandId, status: outcome.status, result: parsed.success ? parsed.data : null, error: outcome.error };
}
