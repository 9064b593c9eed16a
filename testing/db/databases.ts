import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "@/lib/db/migrate";
import { pgConnection } from "@/lib/db/url";

/**
 * Throwaway databases for tests. PostgreSQL ones are created on the server named by
 * DATABASE_URL_TEST_PG (default: local trust auth) and dropped by `drop()`.
 */

export type TestDatabase = { url: string; drop: () => Promise<void> };

/**
 * The database the integration tests (and the benchmarks that start the product) run on:
 * SQLite unless PRINTERNIZER_TEST_DB=postgres (CI's second pass, `npm run test:pg`).
 * The end-to-end tests take theirs from the Playwright project instead (playwright.config.ts).
 */
export function testDatabaseKind(env: NodeJS.ProcessEnv = process.env): "sqlite" | "postgresql" {
  const wanted = env.PRINTERNIZER_TEST_DB?.trim().toLowerCase();
  if (!wanted || wanted === "sqlite") return "sqlite";
  if (wanted === "postgres" || wanted === "postgresql") return "postgresql";
  throw new Error(`PRINTERNIZER_TEST_DB must be sqlite or postgres (got "${wanted}")`);
}

export function testPgAdminUrl(): string {
  return process.env.DATABASE_URL_TEST_PG?.trim() || "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function tempSqlite(): TestDatabase {
  const dir = mkdtempSync(path.join(os.tmpdir(), "printernizer-db-"));
  return {
    url: `file:${path.join(dir, "test.db")}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgConnection(testPgAdminUrl()).connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function tempPostgres(): Promise<TestDatabase> {
  const name = `printernizer_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(pgConnection(testPgAdminUrl()).connectionString);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** A new database of the given kind with all committed migrations applied. */
export async function migratedTestDatabase(kind: "sqlite" | "postgresql"): Promise<TestDatabase> {
  const database = kind === "sqlite" ? tempSqlite() : await tempPostgres();
  await applyMigrations(database.url);
  return database;
}
