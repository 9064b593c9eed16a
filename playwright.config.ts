import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests drive Debian's Chromium (Playwright cannot download browsers here).
 * Each spec starts its own product (web + worker, fresh data folder, ephemeral ports)
 * through e2e/support/product.ts, so specs can restart processes, never share state and
 * can run side by side.
 *
 * Two projects, run together by `npm run test:e2e` (part of `npm test`):
 * - "sqlite": every spec, the product on SQLite. The specs that start `npm start` /
 *   `npm run demo` exactly as a user does run only here, and scale-out.spec.ts (two web
 *   processes, two workers) always runs on PostgreSQL.
 * - "postgres": the specs whose outcome the database decides (event tailing and resume,
 *   reports and month close, file sizes, printers and jobs written by the worker) again, on
 *   a throwaway PostgreSQL database per product (`npm run test:pg:e2e` runs only this one).
 *   A spec joins by starting the product through `startProduct()` and saying so in a line
 *   `// e2e: also on PostgreSQL`; pages that only render what these specs already cover stay
 *   on SQLite, as the developers' guide asks, to keep the run inside its time budget.
 * The project's `metadata.database` tells startProduct() which database to create.
 *
 * Most of an end-to-end test is waiting on the product, the browser and simulated printers,
 * so two workers (one spec each) fit on the two cores of the CI machines.
 */
const e2e = path.resolve(import.meta.dirname, "e2e");
const productSpecs = readdirSync(e2e).filter((name) => {
  if (!name.endsWith(".spec.ts")) return false;
  const source = readFileSync(path.join(e2e, name), "utf8");
  return /\bstartProduct\(/.test(source) && source.includes("// e2e: also on PostgreSQL");
});

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    browserName: "chromium",
    // The shop's browsers are German; English is chosen explicitly in the tests.
    locale: "de-DE",
    timezoneId: "Europe/Berlin",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "sqlite", metadata: { database: "sqlite" } },
    { name: "postgres", metadata: { database: "postgres" }, testMatch: productSpecs },
  ],
});
