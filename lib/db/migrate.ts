import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { logger } from "@/lib/log/logger";
import { backupBeforeMigrating, preMigrateBackupDir } from "./pre-migrate-backup";
import { kindOfUrl, pgConnection, resolveDatabaseUrl, sqliteFilePath, type DatabaseKind } from "./url";

/**
 * Applies the committed migrations at start-up without the Prisma CLI or a schema
 * engine: fast, offline, and safe when web and worker start together. It writes the
 * same `_prisma_migrations` rows as `prisma migrate deploy`, so the CLI and this runner
 * agree on what has been applied.
 */

const log = logger("db");

/** Prisma Migrate's own advisory lock key, so this runner and the CLI exclude each other. */
const PG_MIGRATION_LOCK = 72707369;
/** How long a second process waits for the first one's migrations before giving up. */
const SQLITE_LOCK_WAIT_MS = 120_000;
const SQLITE_BUSY_TIMEOUT_MS = 5000;

// The exact tables the schema engine creates, so either side can create it first.
const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;
const PG_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  override name = "MigrationError";
}

/**
 * The database was migrated by a newer Printernizer. Running older code on it could
 * misread or damage what the newer version stored, so start-up stops here.
 */
export class NewerDatabaseError extends MigrationError {
  override name = "NewerDatabaseError";

  constructor(readonly unknownMigrations: string[]) {
    super(
      `the database was migrated by a newer version of Printernizer: it records migration(s) this version does not have: ` +
        `${unknownMigrations.join(", ")}. Start that newer release (or a later one) again, or, to go back to this version, ` +
        "restore the backup made before the upgrade (SQLite: backups/pre-migrate-<time>-<last migration>.db in the data folder; " +
        "PostgreSQL: your own dump from before the upgrade).",
    );
  }
}

export type Migration = { name: string; sql: string; checksum: string };
type AppliedRow = { migration_name: string; checksum: string; finished_at: unknown };

export type ApplyMigrationsOptions = {
  /** Folder of `<timestamp>_<name>/migration.sql`; defaults to the committed one for the URL's database. */
  migrationsDir?: string;
  /** SQLite: where the copy taken before migrating a database with data goes; defaults to preMigrateBackupDir. */
  backupDir?: string;
};

export function defaultMigrationsDir(kind: DatabaseKind): string {
  return path.resolve(kind === "sqlite" ? "prisma/migrations" : "prisma/postgres/migrations");
}

export function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) throw new MigrationError(`migrations folder ${dir} does not exist`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const file = path.join(dir, name, "migration.sql");
      if (!existsSync(file)) throw new MigrationError(`migration ${name} has no migration.sql`);
      const bytes = readFileSync(file);
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

/**
 * Decides what to apply from what the database recorded. Refuses to go on when the
 * history cannot be trusted: an applied migration whose file changed since, or one that
 * failed half-way (both need a human, via `prisma migrate resolve`), or migrations this
 * code does not have (a newer version ran; see NewerDatabaseError).
 */
export function pendingMigrations(migrations: Migration[], rows: AppliedRow[]): Migration[] {
  const applied = new Map<string, AppliedRow>();
  for (const row of rows) {
    if (row.finished_at === null) {
      throw new MigrationError(
        `migration ${row.migration_name} failed earlier and is recorded as unfinished: resolve it with \`prisma migrate resolve\``,
      );
    }
    applied.set(row.migration_name, row);
  }
  const edited = migrations.filter((m) => applied.has(m.name) && applied.get(m.name)?.checksum !== m.checksum);
  if (edited.length > 0) {
    throw new MigrationError(
      `applied migration(s) were edited afterwards (checksum differs): ${edited.map((m) => m.name).join(", ")}. ` +
        "Restore the committed file and add a new migration instead.",
    );
  }
  const known = new Set(migrations.map((m) => m.name));
  const unknown = [...applied.keys()].filter((name) => !known.has(name)).sort((a, b) => a.localeCompare(b));
  if (unknown.length > 0) throw new NewerDatabaseError(unknown);
  return migrations.filter((m) => !applied.has(m.name));
}

function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith("SQLITE_BUSY");
}

/** Runs `step` again while SQLite answers SQLITE_BUSY at once instead of waiting itself, up to the lock wait. */
function untilNotBusy(step: () => void): void {
  const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
  for (;;) {
    try {
      step();
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
    }
  }
}

function beginImmediate(conn: Database.Database): void {
  untilNotBusy(() => conn.exec("BEGIN IMMEDIATE"));
}

/** Opens a SQLite file with the settings every Printernizer connection uses. */
function openSqlite(file: string): Database.Database {
  mkdirSync(path.dirname(file), { recursive: true });
  const conn = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  conn.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  // Switching a new file to WAL needs it alone for a moment; while another process opens
  // or switches the same file, SQLite answers SQLITE_BUSY without calling the busy
  // handler (seen when several processes started on one new database in CI).
  untilNotBusy(() => conn.pragma("journal_mode = WAL"));
  conn.pragma("synchronous = NORMAL");
  conn.pragma("foreign_keys = ON");
  return conn;
}

function applySqlite(file: string, migrations: Migration[], backupDir: string | undefined): string[] {
  const conn = openSqlite(file);
  // Migrations rebuild tables (create new, copy, DROP old). With foreign keys on, that
  // DROP deletes the old rows first and cascades into child tables. The migration's own
  // `PRAGMA foreign_keys=OFF` is a no-op inside a transaction, so switch them off here
  // and check the result with foreign_key_check before committing.
  conn.pragma("foreign_keys = OFF");
  try {
    // The write lock is held from the history check to the commit: a second process
    // waits here and then finds everything applied.
    beginImmediate(conn);
    conn.exec(SQLITE_MIGRATIONS_TABLE);
    const rows = conn
      .prepare(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`)
      .all() as AppliedRow[];
    const pending = pendingMigrations(migrations, rows);
    // A database that already holds data (it has a history) is copied before it changes;
    // the write lock keeps the copy identical to what the migrations start from.
    if (pending.length > 0 && rows.length > 0) {
      const lastApplied = rows.map((row) => row.migration_name).sort((a, b) => a.localeCompare(b)).at(-1) ?? "none";
      const backup = backupBeforeMigrating(file, lastApplied, backupDir ?? preMigrateBackupDir(file));
      log.info({ backup, pending: pending.map((m) => m.name) }, "backed up the database before migrating it");
    }
    const insert = conn.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    );
    for (const migration of pending) {
      const startedAt = sqliteTimestamp(new Date());
      try {
        conn.exec(migration.sql);
      } catch (error) {
        throw new MigrationError(`migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      insert.run(randomUUID(), migration.checksum, sqliteTimestamp(new Date()), migration.name, startedAt);
    }
    const violations = conn.pragma("foreign_key_check") as unknown[];
    if (violations.length > 0) {
      throw new MigrationError(`migrations left ${violations.length} foreign key violation(s); nothing was applied`);
    }
    conn.exec("COMMIT");
    return pending.map((m) => m.name);
  } finally {
    if (conn.inTransaction) conn.exec("ROLLBACK");
    conn.close();
  }
}

async function applyPostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const { connectionString, schema } = pgConnection(url);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    if (schema) {
      const quoted = `"${schema.replace(/"/g, '""')}"`;
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
      await client.query(`SET search_path TO ${quoted}`);
    }
    // Session lock held from the history check to the last commit.
    await client.query("SELECT pg_advisory_lock($1)", [PG_MIGRATION_LOCK]);
    try {
      await client.query(PG_MIGRATIONS_TABLE);
      const { rows } = await client.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
      );
      const pending = pendingMigrations(migrations, rows);
      for (const migration of pending) {
        const startedAt = new Date();
        // PostgreSQL DDL is transactional: a failing migration leaves nothing behind.
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
             VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
            [randomUUID(), migration.checksum, migration.name, startedAt],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw new MigrationError(`migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return pending.map((m) => m.name);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PG_MIGRATION_LOCK]);
    }
  } finally {
    await client.end();
  }
}

export async function applyMigrations(url?: string, options: ApplyMigrationsOptions = {}): Promise<{ applied: string[] }> {
  const target = url ?? resolveDatabaseUrl();
  const kind = kindOfUrl(target);
  const migrations = readMigrations(options.migrationsDir ?? defaultMigrationsDir(kind));
  const applied = kind === "sqlite" ? applySqlite(sqliteFilePath(target), migrations, options.backupDir) : await applyPostgres(target, migrations);
  for (const name of applied) log.info({ migration: name }, "applied migration");
  return { applied };
}
