import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

/**
 * The second pass of the end-to-end tests, on PostgreSQL (`npm run test:pg:e2e`, outside
 * `npm test` for its time budget): every spec that starts the
 * product through `startProduct()` (e2e/support/product.ts) runs again with
 * PRINTERNIZER_TEST_DB=postgres, on a throwaway database per product. The specs that
 * start `npm start` / `npm run demo` exactly as a user does stay on SQLite, and
 * scale-out.spec.ts runs on PostgreSQL in the first pass already.
 * Left out for time: operator.spec.ts, the longest spec. Its database side (jobs, temperature
 * samples, alerts, commands) runs on PostgreSQL in the integration pass (worker/printers,
 * lib/alerts, lib/metrics) and in scale-out.spec.ts, which carries a print to its end.
 */
const slow = new Set(["operator.spec.ts"]);
process.env.PRINTERNIZER_TEST_DB = "postgres";

const root = path.resolve(import.meta.dirname, "../..");
const e2e = path.join(root, "e2e");
const specs = readdirSync(e2e).filter(
  (name) => name.endsWith(".spec.ts") && !slow.has(name) && /\bstartProduct\(/.test(readFileSync(path.join(e2e, name), "utf8")),
);

export default defineConfig({
  ...base,
  testDir: e2e,
  testMatch: specs,
  outputDir: path.join(root, "test-results", "postgres"),
  globalSetup: path.join(e2e, "support", "global-setup.ts"),
});
