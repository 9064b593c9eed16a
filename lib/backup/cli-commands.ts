import { existsSync } from "node:fs";
import path from "node:path";
import { closeDb, databaseKind, databaseUrl } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { sqliteFilePath } from "@/lib/db/url";
import { restoreSqlite } from "./restore";
import { configuredBackupOptions, runBackup, type BackupResult } from "./run";

const POSTGRES_HINT =
  "DATABASE_URL is PostgreSQL: use deploy/postgres/backup.sh and deploy/postgres/restore.sh (pg_dump/pg_restore), see deploy/README.md";

export async function backupCommand(): Promise<BackupResult> {
  if (databaseKind() !== "sqlite") throw new Error(POSTGRES_HINT);
  await applyMigrations();
  return runBackup(configuredBackupOptions());
}

export async function restoreCommand(file: string): Promise<{ target: string; counts: Record<string, number> }> {
  if (databaseKind() !== "sqlite") throw new Error(POSTGRES_HINT);
  const source = path.resolve(file);
  if (!existsSync(source)) throw new Error(`${source} does not exist`);
  const target = sqliteFilePath(databaseUrl());
  const { counts } = await restoreSqlite({ source, dbFile: target, beforeReplace: closeDb });
  return { target, counts };
}
