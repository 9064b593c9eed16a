import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeDb, type DatabaseKind } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import { tempPostgres, testDatabaseKind } from "./databases";

export type TempDatabase = { dir: string; url: string; kind: DatabaseKind; cleanup: () => Promise<void> };

async function useTemp(kind: DatabaseKind): Promise<TempDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "printernizer-test-"));
  const database = kind === "postgresql" ? await tempPostgres() : null;
  const url = database?.url ?? `file:${path.join(dir, "test.db")}`;
  process.env.DATABASE_URL = url;
  process.env.PRINTERNIZER_DATA_DIR = dir;
  await applyMigrations(url);
  return {
    dir,
    url,
    kind,
    async cleanup() {
      await closeDb();
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For tests only (never imported by app code): a fresh migrated database and data
 * directory in a temp folder, wired up through DATABASE_URL and PRINTERNIZER_DATA_DIR
 * before anything touches the database. SQLite (in the data directory) unless
 * PRINTERNIZER_TEST_DB=postgres, CI's second pass, which makes a throwaway PostgreSQL
 * database instead (dropped by `cleanup`). Tests calling this run in both passes.
 */
export function useTempDatabase(): Promise<TempDatabase> {
  return useTemp(testDatabaseKind());
}

/** Like `useTempDatabase`, always SQLite: for tests of SQLite's own features (file backups). */
export function useTempSqliteDatabase(): Promise<TempDatabase> {
  return useTemp("sqlite");
}
