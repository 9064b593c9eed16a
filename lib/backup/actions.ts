import { createReadStream, existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { z } from "zod";
import { apiError } from "@/lib/api/errors";
import { audit, type AuditActor } from "@/lib/audit/audit";
import { enqueueCommand } from "@/lib/commands/enqueue";
import { databaseKind, db } from "@/lib/db";
import type { backupRunSchema } from "./api-routes";
import { backupCommandSchemas } from "./commands";
import { backupDirectory } from "./run";

type BackupRunStatus = z.infer<typeof backupRunSchema>;

const resultFile = (result: string | null): string | null => {
  if (!result) return null;
  const parsed: unknown = JSON.parse(result);
  return typeof parsed === "object" && parsed !== null && "file" in parsed && typeof parsed.file === "string" ? parsed.file : null;
};

/** Where a queued backup stands; only backup commands are answered. */
export async function backupRunStatus(id: number): Promise<BackupRunStatus> {
  const row = await db.command.findUnique({ where: { id }, select: { id: true, type: true, status: true, error: true, result: true } });
  if (!row || row.type !== "backup.run") throw apiError("not_found");
  const status = row.status as BackupRunStatus["status"];
  return { commandId: row.id, status, error: row.error, file: status === "succeeded" ? resultFile(row.result) : null };
}

/** Queues "back up now" for the worker; one at a time. */
export async function requestBackup(opts: { actor: AuditActor; userId: string; ip: string | null }): Promise<BackupRunStatus> {
  if (databaseKind() !== "sqlite") throw apiError("conflict", { reason: "postgres" });
  const open = await db.command.findFirst({ where: { type: "backup.run", status: { in: ["pending", "running"] } }, select: { id: true } });
  if (open) return backupRunStatus(open.id);
  const commandId = await enqueueCommand(backupCommandSchemas, "backup.run", {}, { createdById: opts.userId });
  await audit({ actor: opts.actor, action: "backup.run", details: { commandId }, ip: opts.ip });
  return backupRunStatus(commandId);
}

/** Streams one backup file to an admin and records who took a copy of all data. */
export async function downloadBackup(name: string, opts: { actor: AuditActor; ip: string | null }): Promise<Response> {
  const file = path.join(backupDirectory(), name);
  if (!existsSync(file)) throw apiError("not_found");
  const { size } = await stat(file);
  await audit({ actor: opts.actor, action: "backup.download", target: name, details: { sizeBytes: size }, ip: opts.ip });
  const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "content-type": name.endsWith(".db") ? "application/vnd.sqlite3" : "application/gzip",
      "content-length": String(size),
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}
