import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrationFolders } from "@/scripts/prisma/new-migration";
import { tempPostgres, tempSqlite, type TestDatabase } from "@/testing/db/databases";
import { prismaIn, scratchRepo, tsxIn } from "@/testing/db/scratch-repo";

/** `prisma migrate dev` works unmodified and offline through the schema-engine stand-in. */

const cleanups: (() => unknown)[] = [];
/** Several Prisma CLI runs in a row (~1.5 s each): generous, for a loaded machine. */
const SEVERAL_CLI_RUNS_MS = 90_000;

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

describe.each(["sqlite", "postgresql"] as const)("prisma migrate dev on %s", (kind) => {
  it("creates and applies a migration from a schema change", async () => {
    const repo = scratchRepo();
    cleanups.push(repo.remove);
    const database: TestDatabase = kind === "sqlite" ? tempSqlite() : await tempPostgres();
    cleanups.push(database.drop);
    appendFileSync(path.join(repo.dir, "prisma/schema.prisma"), "\nmodel ScratchWidget {\n  id    String @id\n  grams Float\n}\n");
    expect(tsxIn(repo.dir, "scripts/prisma/derive-postgres.ts").status).toBe(0);
    const migrations = path.join(repo.dir, kind === "sqlite" ? "prisma/migrations" : "prisma/postgres/migrations");
    const before = migrationFolders(migrations);

    const dev = prismaIn(repo.dir, ["migrate", "dev", "--name", "add_scratch_widget"], { DATABASE_URL: database.url });
    expect(dev.stdout).toContain("Your database is now in sync with your schema");
    expect(dev.status).toBe(0);

    const created = migrationFolders(migrations).filter((name) => !before.includes(name));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatch(/^\d{14}_add_scratch_widget$/);
    expect(readFileSync(path.join(migrations, created[0], "migration.sql"), "utf8")).toContain('CREATE TABLE "ScratchWidget"');

    if (kind === "sqlite") {
      const reset = prismaIn(repo.dir, ["migrate", "reset", "--force"], { DATABASE_URL: database.url });
      expect(reset.stdout).toContain("Database reset successful");
      expect(reset.status).toBe(0);
    }
    const status = prismaIn(repo.dir, ["migrate", "status"], { DATABASE_URL: database.url });
    expect(status.stdout).toContain("Database schema is up to date");
  }, SEVERAL_CLI_RUNS_MS);
});
