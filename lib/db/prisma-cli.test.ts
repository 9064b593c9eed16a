import { afterEach, describe, expect, it } from "vitest";
import { runPrisma } from "@/scripts/prisma/run-prisma";
import { applyMigrations } from "./migrate";
import { tempPostgres, tempSqlite, type TestDatabase } from "@/testing/db/databases";

/** The unmodified Prisma CLI, offline, through the schema-engine stand-in, on both databases. */

const cleanups: TestDatabase[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.drop();
});

async function newDatabase(kind: "sqlite" | "postgresql"): Promise<TestDatabase> {
  const database = kind === "sqlite" ? tempSqlite() : await tempPostgres();
  cleanups.push(database);
  return database;
}

describe.each(["sqlite", "postgresql"] as const)("prisma CLI on %s", (kind) => {
  it("deploys the committed migrations to a new database, and agrees with the runtime runner", async () => {
    const database = await newDatabase(kind);
    // SQLite: a file in folders that do not exist yet, as on a first start.
    const url = kind === "sqlite" ? database.url.replace(/test\.db$/, "nested/dir/test.db") : database.url;

    const deploy = runPrisma(["migrate", "deploy"], { DATABASE_URL: url });
    expect(deploy.stdout).toContain("All migrations have been successfully applied");
    expect(deploy.status).toBe(0);

    const status = runPrisma(["migrate", "status"], { DATABASE_URL: url });
    expect(status.stdout).toContain("Database schema is up to date");
    expect(await applyMigrations(url)).toEqual({ applied: [] });
  });

  it("refuses a schema for the other database", async () => {
    const database = await newDatabase(kind);
    const otherSchema = kind === "sqlite" ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma";
    const deploy = runPrisma(["migrate", "deploy", "--schema", otherSchema], { DATABASE_URL: database.url });
    expect(deploy.status).not.toBe(0);
    expect(deploy.stderr + deploy.stdout).toMatch(/uses provider ".+" but the datasource URL is/);
  });
});
