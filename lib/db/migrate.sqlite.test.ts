import { cpSync, existsSync, mkdirSync, appendFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { runPrisma } from "@/scripts/prisma/run-prisma";
import { applyMigrations, defaultMigrationsDir, MigrationError, NewerDatabaseError, readMigrations } from "./migrate";
import { integrityProblems, preMigrateBackupDir } from "./pre-migrate-backup";
import { applyConcurrently } from "@/testing/db/concurrent";
import { tempSqlite, type TestDatabase } from "@/testing/db/databases";
import { sqliteFilePath } from "./url";

const committed = readMigrations(defaultMigrationsDir("sqlite")).map((m) => m.name);
const cleanups: TestDatabase[] = [];

function newDatabase(): TestDatabase {
  const database = tempSqlite();
  cleanups.push(database);
  return database;
}

function open(url: string): Database.Database {
  return new Database(sqliteFilePath(url));
}

function recorded(url: string): { migration_name: string; checksum: string; finished_at: string | null }[] {
  const conn = open(url);
  try {
    return conn.prepare(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`).all() as {
      migration_name: string;
      checksum: string;
      finished_at: string | null;
    }[];
  } finally {
    conn.close();
  }
}

/** A private copy of the committed migrations a test may add to or edit. */
function migrationsCopy(database: TestDatabase): string {
  const dir = path.join(path.dirname(sqliteFilePath(database.url)), "migrations");
  cpSync(defaultMigrationsDir("sqlite"), dir, { recursive: true });
  return dir;
}

function addMigration(dir: string, name: string, sql: string): void {
  mkdirSync(path.join(dir, name));
  writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.drop();
});

describe("applyMigrations on SQLite", () => {
  it("migrates a fresh file to exactly schema.prisma, in a way prisma migrate agrees with", async () => {
    const { url } = newDatabase();
    expect(committed.length).toBeGreaterThan(0);

    expect(await applyMigrations(url)).toEqual({ applied: committed });
    expect(await applyMigrations(url)).toEqual({ applied: [] });

    const diff = runPrisma(
      ["migrate", "diff", "--from-config-datasource", "--to-schema", "prisma/schema.prisma", "--exit-code"],
      { DATABASE_URL: url },
    );
    expect(diff.stderr + diff.stdout).toContain("No difference detected");
    expect(diff.status).toBe(0);

    const status = runPrisma(["migrate", "status"], { DATABASE_URL: url });
    expect(status.stdout).toContain("Database schema is up to date");
    expect(status.status).toBe(0);

    const rows = recorded(url);
    expect(rows.map((r) => r.migration_name)).toEqual(committed);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum) && r.finished_at !== null)).toBe(true);

    const conn = open(url);
    expect(conn.pragma("journal_mode", { simple: true })).toBe("wal");
    conn.close();
  });

  it("reports a difference when the database does not match the schema", async () => {
    const { url } = newDatabase();
    await applyMigrations(url);
    const conn = open(url);
    conn.exec(`DROP INDEX "Job_status_idx"`);
    conn.close();

    const diff = runPrisma(
      ["migrate", "diff", "--from-config-datasource", "--to-schema", "prisma/schema.prisma", "--exit-code"],
      { DATABASE_URL: url },
    );
    expect(diff.status).toBe(2);
    expect(diff.stdout).toContain("Job");
  });

  it("lets several processes migrate the same new files at once: each migration applied once", async () => {
    // Several rounds: one collision in any of them is enough to catch a missing lock.
    const databases = Array.from({ length: 10 }, () => newDatabase());
    const reports = await applyConcurrently(
      databases.map((d) => d.url),
      3,
    );

    databases.forEach((database, index) => {
      const byProcess = reports.map((report) => report[index]);
      expect(byProcess.flat().sort()).toEqual(committed);
      expect(recorded(database.url).map((r) => r.migration_name)).toEqual(committed);
    });
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    const database = newDatabase();
    const dir = migrationsCopy(database);
    await applyMigrations(database.url, { migrationsDir: dir });
    appendFileSync(path.join(dir, committed[0], "migration.sql"), "\n-- edited\n");

    await expect(applyMigrations(database.url, { migrationsDir: dir })).rejects.toThrow(MigrationError);
    await expect(applyMigrations(database.url, { migrationsDir: dir })).rejects.toThrow(/edited/);
  });

  it("refuses to run over a migration recorded as unfinished", async () => {
    const database = newDatabase();
    await applyMigrations(database.url);
    const conn = open(database.url);
    conn.prepare(`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = ?`).run(committed[0]);
    conn.close();

    await expect(applyMigrations(database.url)).rejects.toThrow(/unfinished/);
  });

  it("rebuilds a parent table without cascading into its children", async () => {
    const database = newDatabase();
    const dir = migrationsCopy(database);
    await applyMigrations(database.url, { migrationsDir: dir });
    const conn = open(database.url);
    conn.exec(`INSERT INTO "User" (id, email, name, passwordHash, updatedAt) VALUES ('u1', 'a@example.org', 'A', 'h', '2026-01-01T00:00:00.000+00:00');
      INSERT INTO "ApiToken" (id, userId, name, tokenHash, prefix) VALUES ('t1', 'u1', 'ci', 'hash', 'pfx');`);
    conn.close();

    // What `prisma migrate` writes when a SQLite column changes: copy, drop, rename.
    addMigration(
      dir,
      "29990101000000_rebuild_user",
      `PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'viewer',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_User" SELECT * FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`,
    );
    expect(await applyMigrations(database.url, { migrationsDir: dir })).toEqual({ applied: ["29990101000000_rebuild_user"] });

    const check = open(database.url);
    expect(check.prepare(`SELECT id FROM "ApiToken"`).all()).toEqual([{ id: "t1" }]);
    check.close();
  });

  it("rolls back migrations that leave foreign keys dangling", async () => {
    const database = newDatabase();
    const dir = migrationsCopy(database);
    await applyMigrations(database.url, { migrationsDir: dir });
    const conn = open(database.url);
    conn.exec(`INSERT INTO "User" (id, email, name, passwordHash, updatedAt) VALUES ('u1', 'a@example.org', 'A', 'h', '2026-01-01T00:00:00.000+00:00');
      INSERT INTO "ApiToken" (id, userId, name, tokenHash, prefix) VALUES ('t1', 'u1', 'ci', 'hash', 'pfx');`);
    conn.close();
    addMigration(dir, "29990101000000_orphan_tokens", `DELETE FROM "User";\n`);

    await expect(applyMigrations(database.url, { migrationsDir: dir })).rejects.toThrow(/foreign key/);
    const check = open(database.url);
    expect(check.prepare(`SELECT count(*) AS n FROM "User"`).get()).toEqual({ n: 1 });
    check.close();
    expect(recorded(database.url).map((r) => r.migration_name)).toEqual(committed);
  });

  it("backs up a database with data before applying new migrations to it, and says where", async () => {
    const database = newDatabase();
    const dir = migrationsCopy(database);
    const file = sqliteFilePath(database.url);
    const backups = path.join(path.dirname(file), "backups");
    await applyMigrations(database.url, { migrationsDir: dir });
    expect(existsSync(backups)).toBe(false);
    const conn = open(database.url);
    conn.exec(`INSERT INTO "User" (id, email, name, passwordHash, updatedAt) VALUES ('u1', 'a@example.org', 'A', 'h', '2026-01-01T00:00:00.000+00:00')`);
    conn.close();
    addMigration(dir, "29990101000000_add_note", `ALTER TABLE "User" ADD COLUMN "note" TEXT;\nUPDATE "User" SET "note" = 'migrated';\n`);

    expect(await applyMigrations(database.url, { migrationsDir: dir })).toEqual({ applied: ["29990101000000_add_note"] });

    const names = readdirSync(backups);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(new RegExp(`^pre-migrate-\\d{8}T\\d{6}Z-${committed.at(-1)}\\.db$`));
    const backup = path.join(backups, names[0]);
    expect(integrityProblems(backup)).toEqual([]);
    const copy = new Database(backup, { readonly: true });
    expect(copy.prepare(`SELECT id, email FROM "User"`).all()).toEqual([{ id: "u1", email: "a@example.org" }]);
    expect(copy.prepare(`SELECT name FROM pragma_table_info('User') WHERE name = 'note'`).all()).toEqual([]);
    expect(copy.prepare(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`).pluck().all()).toEqual(committed);
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    copy.close();

    await applyMigrations(database.url, { migrationsDir: dir });
    expect(readdirSync(backups)).toHaveLength(1);
  });

  it("puts the backup where it is told and takes none of a new database", async () => {
    const database = newDatabase();
    const elsewhere = path.join(path.dirname(sqliteFilePath(database.url)), "elsewhere");
    const dir = migrationsCopy(database);
    await applyMigrations(database.url, { migrationsDir: dir, backupDir: elsewhere });
    expect(existsSync(elsewhere)).toBe(false);
    addMigration(dir, "29990101000000_noop", `CREATE TABLE "Extra" ("id" TEXT NOT NULL PRIMARY KEY);\n`);

    await applyMigrations(database.url, { migrationsDir: dir, backupDir: elsewhere });
    expect(readdirSync(elsewhere)).toEqual([expect.stringMatching(/^pre-migrate-.*\.db$/)]);
  });

  it("backs up to PRINTERNIZER_BACKUP_DIR when set, else to backups beside the database", () => {
    expect(preMigrateBackupDir("/srv/data/printernizer.db", {})).toBe(path.join("/srv/data", "backups"));
    expect(preMigrateBackupDir("/srv/data/printernizer.db", { PRINTERNIZER_BACKUP_DIR: "/mnt/backup" })).toBe(path.resolve("/mnt/backup"));
  });

  it("refuses a database a newer version migrated, naming what it does not know, and leaves it alone", async () => {
    const database = newDatabase();
    const newer = migrationsCopy(database);
    addMigration(newer, "29990101000000_from_the_future", `CREATE TABLE "Future" ("id" TEXT NOT NULL PRIMARY KEY);\n`);
    addMigration(newer, "29990102000000_more_future", `CREATE TABLE "MoreFuture" ("id" TEXT NOT NULL PRIMARY KEY);\n`);
    await applyMigrations(database.url, { migrationsDir: newer });

    const refused = applyMigrations(database.url);
    await expect(refused).rejects.toThrow(NewerDatabaseError);
    await expect(applyMigrations(database.url)).rejects.toThrow(
      /newer version of Printernizer.*29990101000000_from_the_future, 29990102000000_more_future.*Start that newer release.*restore the backup/,
    );
    expect(recorded(database.url).map((r) => r.migration_name)).toEqual([...committed, "29990101000000_from_the_future", "29990102000000_more_future"]);
    expect(existsSync(path.join(path.dirname(sqliteFilePath(database.url)), "backups"))).toBe(false);
  });
});
