import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import base from "../../vitest.config.js";

/**
 * CI's second pass of the integration tests, on PostgreSQL: every test file that calls
 * `useTempDatabase()` (testing/db/temp-database.ts), or picks its database itself with
 * `testDatabaseKind()` (the upgrade test restores a fixture), runs again with
 * PRINTERNIZER_TEST_DB=postgres, each on its own throwaway database. Chosen by that call,
 * so a new integration test joins the pass by using the helper.
 */
const root = path.resolve(import.meta.dirname, "../..");
const skipped = new Set(["node_modules", ".next", ".git", "data", "e2e", "test-results"]);

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(full);
    return entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

const integration = testFiles(root)
  .filter((file) => /\b(useTempDatabase|testDatabaseKind)\(\)/.test(readFileSync(file, "utf8")))
  .map((file) => path.relative(root, file));

// Spread, not mergeConfig: that would append to the base's include list.
const config = {
  ...base,
  root,
  test: { ...base.test, include: integration, env: { PRINTERNIZER_TEST_DB: "postgres" } },
};

export default config;
