import { mkdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * The copy of a SQLite database taken before migrations change it, so an upgrade can be
 * undone by putting the file back. Made with VACUUM INTO from a read-only connection: a
 * consistent snapshot while the migration runner holds the write lock (in WAL mode
 * readers go on past a writer), and never a change to the original.
 */

export class PreMigrateBackupError extends Error {
  override name = "PreMigrateBackupError";
}

/** PRINTERNIZER_BACKUP_DIR (where the scheduled backups go too), else `backups` beside the database: <data dir>/backups by default. */
export function preMigrateBackupDir(dbFile: string, env: Partial<Record<string, string>> = process.env): string {
  const configured = env.PRINTERNIZER_BACKUP_DIR?.trim();
  return configured ? path.resolve(configured) : path.join(path.dirname(dbFile), "backups");
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

/** Problems `PRAGMA integrity_check` reports, none when the file is sound. */
export function integrityProblems(file: string): string[] {
  const conn = new Database(file, { fileMustExist: true });
  try {
    const rows = conn.pragma("integrity_check") as { integrity_check: string }[];
    const problems = rows.map((row) => String(row.integrity_check));
    return problems.length === 1 && problems[0] === "ok" ? [] : problems;
  } finally {
    conn.close();
  }
}

/**
 * Writes `pre-migrate-<UTC time>-<last applied migration>.db` into `dir`, checked with
 * integrity_check before it gets that name; returns its path. Throws when the copy
 * cannot be made or is not sound, so nothing is migrated without a backup.
 */
export function backupBeforeMigrating(dbFile: string, lastApplied: string, dir: string, now = new Date()): string {
  const target = path.join(dir, `pre-migrate-${stamp(now)}-${lastApplied}.db`);
  const partial = `${target}.partial`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    rmSync(partial, { force: true });
    const source = new Database(dbFile, { readonly: true, fileMustExist: true, timeout: 5000 });
    try {
      source.prepare("VACUUM INTO ?").run(partial);
    } finally {
      source.close();
    }
    const copy = new Database(partial, { fileMustExist: true });
    // A single file, readable on its own without -wal/-shm beside it.
    copy.pragma("journal_mode = DELETE");
    copy.close();
    const problems = integrityProblems(partial);
    if (problems.length > 0) throw new Error(`integrity_check: ${problems.slice(0, 5).join("; ")}`);
    renameSync(partial, target);
    return target;
  } catch (error) {
    rmSync(partial, { force: true });
    throw new PreMigrateBackupError(
      `could not back up ${dbFile} to ${dir} before migrating: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
