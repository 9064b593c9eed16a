import path from "node:path";
import { closeDb } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";
import type { FaultContext } from "./scenario";

/**
 * Points this process and the product processes a scenario starts (they inherit
 * process.env) at a fresh migrated database: SQLite in the scenario's folder unless a
 * PostgreSQL URL is given.
 */
export async function freshDatabase(ctx: FaultContext, url?: string): Promise<{ url: string; dataDir: string }> {
  await closeDb();
  const dataDir = path.join(ctx.dir, "data");
  const databaseUrl = url ?? `file:${path.join(dataDir, "printernizer.db")}`;
  process.env.DATABASE_URL = databaseUrl;
  process.env.PRINTERNIZER_DATA_DIR = dataDir;
  await applyMigrations(databaseUrl);
  ctx.defer(() => closeDb());
  return { url: databaseUrl, dataDir };
}
