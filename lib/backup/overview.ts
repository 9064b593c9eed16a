import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/config/env";
import { databaseKind, db } from "@/lib/db";
import { overdueBackupAt } from "./overdue";
import { backupDirectory, filesArchiveName, listBackups } from "./run";
import { nextBackupAt } from "./schedule";
import type { BackupFile, BackupOverview } from "./schemas";
import { readBackupState } from "./state";

async function sizeOf(file: string): Promise<number | null> {
  return existsSync(file) ? (await stat(file)).size : null;
}

/** The backups in the backup folder, newest first. */
export async function backupFiles(dir = backupDirectory()): Promise<BackupFile[]> {
  const entries = await listBackups(dir);
  const files = await Promise.all(
    entries.map(async ({ name, at }) => {
      const archive = filesArchiveName(name);
      const archiveBytes = await sizeOf(path.join(dir, archive));
      return {
        name,
        at: at.toISOString(),
        sizeBytes: (await sizeOf(path.join(dir, name))) ?? 0,
        filesArchive: archiveBytes === null ? null : archive,
        filesArchiveBytes: archiveBytes,
        verified: true as const,
      };
    }),
  );
  return files.sort((a, b) => b.at.localeCompare(a.at));
}

/** When this installation began: its first user. */
async function installedAt(): Promise<Date | null> {
  const first = await db.user.findFirst({ orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  return first?.createdAt ?? null;
}

/** Everything the backups page and the settings card show. */
export async function backupOverview(now = new Date()): Promise<BackupOverview> {
  const time = env().PRINTERNIZER_BACKUP_TIME;
  const state = await readBackupState();
  const overdue = overdueBackupAt({
    time,
    lastSuccessAt: state.lastSuccess ? new Date(state.lastSuccess.at) : null,
    installedAt: await installedAt(),
    now,
  });
  const database = databaseKind() === "sqlite" ? "sqlite" : "postgres";
  return {
    database,
    time,
    nextAt: time === "off" || database !== "sqlite" ? null : nextBackupAt(now, time).toISOString(),
    overdueSince: database === "sqlite" ? (overdue?.toISOString() ?? null) : null,
    state,
    backups: database === "sqlite" ? await backupFiles() : [],
  };
}
