import { appendFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrationFolders } from "@/scripts/prisma/new-migration";
import { applyMigrations } from "./migrate";
import { tempPostgres, tempSqlite } from "@/testing/db/databases";
import { prismaIn, scratchRepo, tsxIn } from "@/testing/db/scratch-repo";

const cleanups: (() => unknown)[] = [];
/** Several Prisma CLI runs in a row (~1.5 s each): generous, for a loaded machine. */
const SEVERAL_CLI_RUNS_MS = 90_000;

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

describe("npm run db:migration", () => {
  it("writes one migration for both databases from a schema change, matching the schema on both", async () => {
    const repo = scratchRepo();
    cleanups.push(repo.remove);
    appendFileSync(
      path.join(repo.dir, "prisma/schema.prisma"),
      "\nmodel ScratchWidget {\n  id       String @id @default(cuid())\n  material String // @pg @db.VarChar(40)\n  grams    Float  @default(1000)\n}\n",
    );

    const run = tsxIn(repo.dir, "scripts/prisma/new-migration.ts", ["add", "scratch_widget"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);

    const sqliteDir = path.join(repo.dir, "prisma/migrations");
    const pgDir = path.join(repo.dir, "prisma/postgres/migrations");
    const names = migrationFolders(sqliteDir);
    expect(migrationFolders(pgDir)).toEqual(names);
    const created = names.at(-1) ?? "";
    expect(created).toMatch(/^\d{14}_add_scratch_widget$/);
    expect(readFileSync(path.join(pgDir, created, "migration.sql"), "utf8")).toContain('"material" VARCHAR(40) NOT NULL');
    expect(readFileSync(path.join(sqliteDir, created, "migration.sql"), "utf8")).toContain('"material" TEXT NOT NULL');
    expect(existsSync(path.join(repo.dir, "lib/db/generated/postgres/models/ScratchWidget.ts"))).toBe(true);

    for (const [dir, schema, database] of [
      [sqliteDir, "prisma/schema.prisma", tempSqlite()],
      [pgDir, "prisma/postgres/schema.prisma", await tempPostgres()],
    ] as const) {
      cleanups.push(database.drop);
      await applyMigrations(database.url, { migrationsDir: dir });
      const diff = prismaIn(repo.dir, ["migrate", "diff", "--from-config-datasource", "--to-schema", schema, "--exit-code"], {
        DATABASE_URL: database.url,
      });
      expect(diff.stdout).toContain("No difference detected");
      expect(diff.status).toBe(0);
    }

    const again = tsxIn(repo.dir, "scripts/prisma/new-migration.ts", ["nothing"]);
    expect(again.stdout).toContain("No schema change");
    expect(migrationFolders(sqliteDir)).toEqual(names);
  }, SEVERAL_CLI_RUNS_MS);
});
