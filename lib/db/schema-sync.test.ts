import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { derivedPath, derivePostgresSchema, sourcePath } from "@/scripts/prisma/derive-postgres";
import { migrationFolders } from "@/scripts/prisma/new-migration";
import { repoRoot } from "@/scripts/prisma/run-prisma";

const source = `// header mentioning \`// @pg <attribute>\` in prose
generator client {
  provider = "prisma-client"
  output   = "../lib/db/generated/sqlite"
}

datasource db {
  provider = "sqlite"
}

model Spool {
  id    String @id
  notes String? // @pg @db.Text
  name  String  @unique // @pg @db.VarChar(80)
  // @pg @@index([notes(ops: raw("gin_trgm_ops"))], type: Gin)
}
`;

describe("the derived PostgreSQL schema", () => {
  it("is up to date (npm run db:check)", () => {
    const run = spawnSync("npm", ["run", "--silent", "db:check"], { cwd: repoRoot, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("swaps provider and client output and applies @pg markers", () => {
    const derived = derivePostgresSchema(source, "/repo/prisma/schema.prisma", "/repo/prisma/postgres/schema.prisma");
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('output   = "../../lib/db/generated/postgres"');
    expect(derived).toContain("  notes String? @db.Text\n");
    expect(derived).toContain("  name  String  @unique @db.VarChar(80)\n");
    expect(derived).toContain('  @@index([notes(ops: raw("gin_trgm_ops"))], type: Gin)\n');
    expect(derived).toContain("// header mentioning `// @pg <attribute>` in prose");
    expect(derived).not.toContain('"sqlite"');
  });

  it("refuses a source that is not the SQLite schema", () => {
    expect(() => derivePostgresSchema(source.replace('"sqlite"', '"mysql"'), sourcePath, derivedPath)).toThrow(/sqlite/);
  });
});

describe("the committed migrations", () => {
  const sqliteDir = path.join(repoRoot, "prisma/migrations");
  const pgDir = path.join(repoRoot, "prisma/postgres/migrations");

  it("exist under the same names for both databases", () => {
    expect(migrationFolders(sqliteDir).length).toBeGreaterThan(0);
    expect(migrationFolders(pgDir)).toEqual(migrationFolders(sqliteDir));
  });

  it("are locked to their provider", () => {
    expect(readFileSync(path.join(sqliteDir, "migration_lock.toml"), "utf8")).toContain('provider = "sqlite"');
    expect(readFileSync(path.join(pgDir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
  });
});
