import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { runPrisma } from "@/scripts/prisma/run-prisma";
import { applyMigrations, defaultMigrationsDir, MigrationError, NewerDatabaseError, readMigrations } from "./migrate";
import { applyConcurrently } from "@/testing/db/concurrent";
import { tempPostgres, type TestDatabase } from "@/testing/db/databases";

const committed = readMigrations(defaultMigrationsDir("postgresql")).map((m) => m.name);
const cleanups: TestDatabase[] = [];
const scratch = mkdtempSync(path.join(os.tmpdir(), "printernizer-pg-migrations-"));

async function newDatabase(): Promise<TestDatabase> {
  const database = await tempPostgres();
  cleanups.push(database);
  return database;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

async function recordedNames(url: string): Promise<string[]> {
  const rows = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
  return rows.map((r) => r.migration_name);
}

function migrationsCopy(): string {
  const dir = mkdtempSync(path.join(scratch, "m-"));
  cpSync(defaultMigrationsDir("postgresql"), dir, { recursive: true });
  return dir;
}

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.drop();
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("applyMigrations on PostgreSQL", () => {
  it("migrates a fresh database to exactly the derived schema, in a way prisma migrate agrees with", async () => {
    const { url } = await newDatabase();
    expect(committed.length).toBeGreaterThan(0);

    expect(await applyMigrations(url)).toEqual({ applied: committed });
    expect(await applyMigrations(url)).toEqual({ applied: [] });

    const diff = runPrisma(
      ["migrate", "diff", "--from-config-datasource", "--to-schema", "prisma/postgres/schema.prisma", "--exit-code"],
      { DATABASE_URL: url },
    );
    expect(diff.stderr + diff.stdout).toContain("No difference detected");
    expect(diff.status).toBe(0);

    const status = runPrisma(["migrate", "status"], { DATABASE_URL: url });
    expect(status.stdout).toContain("Database schema is up to date");
    expect(status.status).toBe(0);

    const rows = await query<{ checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      url,
      `SELECT checksum, finished_at, applied_steps_count FROM "_prisma_migrations"`,
    );
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum) && r.finished_at instanceof Date && r.applied_steps_count === 1)).toBe(true);
  });

  it("reports a difference when the database does not match the schema", async () => {
    const { url } = await newDatabase();
    await applyMigrations(url);
    await query(url, `DROP INDEX "Job_status_idx"`);

    const diff = runPrisma(
      ["migrate", "diff", "--from-config-datasource", "--to-schema", "prisma/postgres/schema.prisma", "--exit-code"],
      { DATABASE_URL: url },
    );
    expect(diff.status).toBe(2);
    expect(diff.stdout).toContain("Job");
  });

  it("lets several processes migrate the same new databases at once: each migration applied once", async () => {
    const databases = await Promise.all(Array.from({ length: 4 }, () => newDatabase()));
    const reports = await applyConcurrently(
      databases.map((d) => d.url),
      3,
    );

    for (const [index, database] of databases.entries()) {
      expect(reports.map((report) => report[index]).flat().sort()).toEqual(committed);
      expect(await recordedNames(database.url)).toEqual(committed);
    }
  });

  it("refuses to run when an applied migration was edited afterwards", async () => {
    const { url } = await newDatabase();
    const dir = migrationsCopy();
    await applyMigrations(url, { migrationsDir: dir });
    appendFileSync(path.join(dir, committed[0], "migration.sql"), "\n-- edited\n");

    await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(MigrationError);
    await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(/edited/);
  });

  it("leaves nothing behind when a migration fails", async () => {
    const { url } = await newDatabase();
    const dir = migrationsCopy();
    await applyMigrations(url, { migrationsDir: dir });
    mkdirSync(path.join(dir, "29990101000000_broken"));
    writeFileSync(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE "Half" ("id" TEXT PRIMARY KEY);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;\n`,
    );

    await expect(applyMigrations(url, { migrationsDir: dir })).rejects.toThrow(/29990101000000_broken failed/);
    expect(await query(url, `SELECT to_regclass('"Half"') IS NULL AS gone`)).toEqual([{ gone: true }]);
    expect(await recordedNames(url)).toEqual(committed);
  });

  it("refuses a database a newer version migrated, naming what it does not know, and leaves it alone", async () => {
    const { url } = await newDatabase();
    const newer = migrationsCopy();
    mkdirSync(path.join(newer, "29990101000000_from_the_future"));
    writeFileSync(path.join(newer, "29990101000000_from_the_future", "migration.sql"), `CREATE TABLE "Future" ("id" TEXT PRIMARY KEY);\n`);
    await applyMigrations(url, { migrationsDir: newer });

    await expect(applyMigrations(url)).rejects.toThrow(NewerDatabaseError);
    await expect(applyMigrations(url)).rejects.toThrow(/newer version of Printernizer.*29990101000000_from_the_future.*Start that newer release.*restore the backup/);
    expect(await recordedNames(url)).toEqual([...committed, "29990101000000_from_the_future"]);
  });
});
