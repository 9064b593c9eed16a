import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { dataDir, env } from "@/lib/config/env";
import { databaseKind, databaseUrl } from "@/lib/db";
import { sqliteFilePath } from "@/lib/db/url";
import { logger } from "@/lib/log/logger";
import { backupsToKeep, type BackupEntry, type RetentionPolicy } from "./retention";
import { backupSqliteFile } from "./sqlite-thread";
import { recordBackupFailure, recordBackupSuccess, type BackupRun } from "./state";
import { writeTarGz } from "./tar-gz";

const log = logger("backup");

export interface BackupOptions {
  dbFile: string;
  backupDir: string;
  /** Folder archived as tar.gz beside the database copy; null: database only. */
  filesDir: string | null;
  retention: RetentionPolicy;
  now?: Date;
}

export interface BackupResult extends BackupRun {
  /** Rows per table in the copy, as verified. */
  counts: Record<string, number>;
  removed: string[];
}

const NAME = /^printernizer-(\d{8}T\d{6}Z)\.db$/;

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

function parseStamp(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : new Date(NaN);
}

export function filesArchiveName(dbBackupName: string): string {
  return dbBackupName.replace(/\.db$/, "-files.tar.gz");
}

/** The database backups in a folder, by the time in their names. */
export async function listBackups(dir: string): Promise<BackupEntry[]> {
  const names = existsSync(dir) ? await readdir(dir) : [];
  return names.flatMap((name) => {
    const match = NAME.exec(name);
    const at = match ? parseStamp(match[1]) : null;
    return at && !Number.isNaN(at.getTime()) ? [{ name, at }] : [];
  });
}

async function prune(dir: string, retention: RetentionPolicy): Promise<string[]> {
  const backups = await listBackups(dir);
  const keep = backupsToKeep(backups, retention);
  const removed: string[] = [];
  for (const { name } of backups) {
    if (keep.has(name)) continue;
    await rm(path.join(dir, name), { force: true });
    await rm(path.join(dir, filesArchiveName(name)), { force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * One backup: an online copy of the SQLite database (consistent while the app writes),
 * verified with integrity_check before it gets its final name, the files root as
 * tar.gz, then retention. The outcome is recorded for the settings page and metrics.
 */
export async function runBackup(opts: BackupOptions): Promise<BackupResult> {
  const started = opts.now ?? new Date();
  const t0 = performance.now();
  const name = `printernizer-${stamp(started)}.db`;
  const target = path.join(opts.backupDir, name);
  const partial = `${target}.partial`;
  try {
    await mkdir(opts.backupDir, { recursive: true, mode: 0o700 });
    await rm(partial, { force: true });
    const verification = await backupSqliteFile(opts.dbFile, partial, true);
    if (!verification.ok) throw new Error(`backup failed integrity_check: ${verification.problems.join("; ")}`);
    await rename(partial, target);

    let filesArchive: string | null = null;
    let filesArchiveBytes: number | null = null;
    if (opts.filesDir && existsSync(opts.filesDir)) {
      const archive = path.join(opts.backupDir, filesArchiveName(name));
      await writeTarGz(opts.filesDir, `${archive}.partial`, "files");
      await rename(`${archive}.partial`, archive);
      filesArchive = path.basename(archive);
      filesArchiveBytes = (await stat(archive)).size;
    }
    const removed = await prune(opts.backupDir, opts.retention);
    const run: BackupRun = {
      at: started.toISOString(),
      file: name,
      sizeBytes: (await stat(target)).size,
      filesArchive,
      filesArchiveBytes,
      durationMs: Math.round(performance.now() - t0),
    };
    await recordBackupSuccess(run);
    log.info({ ...run, removed: removed.length }, "backup done");
    return { ...run, counts: verification.counts, removed };
  } catch (err) {
    await rm(partial, { force: true });
    const message = err instanceof Error ? err.message : String(err);
    log.error({ err, target }, "backup failed");
    await recordBackupFailure(started, message).catch((recordErr: unknown) => log.warn({ err: recordErr }, "could not record failure"));
    throw err;
  }
}

/** Where this installation keeps its backups. */
export function backupDirectory(): string {
  const dir = env().PRINTERNIZER_BACKUP_DIR;
  return dir ? path.resolve(dir) : path.join(dataDir(), "backups");
}

/** The configured backup of this installation (SQLite only; PostgreSQL uses pg_dump). */
export function configuredBackupOptions(): BackupOptions {
  if (databaseKind() !== "sqlite") {
    throw new Error("DATABASE_URL is PostgreSQL: back up with deploy/postgres/backup.sh (pg_dump), see deploy/README.md");
  }
  const config = env();
  return {
    dbFile: sqliteFilePath(databaseUrl()),
    backupDir: backupDirectory(),
    filesDir: config.PRINTERNIZER_BACKUP_FILES ? path.join(dataDir(), "files") : null,
    retention: {
      daily: config.PRINTERNIZER_BACKUP_KEEP_DAILY,
      weekly: config.PRINTERNIZER_BACKUP_KEEP_WEEKLY,
      monthly: config.PRINTERNIZER_BACKUP_KEEP_MONTHLY,
    },
  };
}
