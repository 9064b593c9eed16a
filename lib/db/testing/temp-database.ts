import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { closeDb } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";

/**
 * For tests only (never imported by app code): a fresh migrated SQLite database and data
 * directory in a temp folder, wired up through DATABASE_URL and PRINTERNIZER_DATA_DIR
 * before anything touches the database.
 */
export async function useTempDatabase(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "printernizer-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  process.env.DATABASE_URL = url;
  process.env.PRINTERNIZER_DATA_DIR = dir;
  await applyMigrations(url);
  return {
    dir,
    async cleanup() {
      await closeDb();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
