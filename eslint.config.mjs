import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * Who may import whom inside lib (ARCHITECTURE.md draws it). Kernels hold generic
 * machinery and import only kernels; domains import kernels and each other; catalogs
 * and the client data layer sit above the domains and list or fetch them.
 */
const kernels = ["api", "commands", "config", "crypto", "db", "docs", "events", "format", "http", "log", "metrics", "util"].map((d) => `lib/${d}`);
const domains = ["alerts", "audit", "auth", "backup", "business", "compliance", "files", "jobs", "printers", "queue", "worker"].map((d) => `lib/${d}`);
const aboveDomains = ["lib/catalog", "lib/client"];
const outsideLib = ["app", "components", "worker", "cli", "scripts", "sim", "bench", "e2e", "testing"];

const layerZones = [
  {
    target: kernels,
    from: [...domains, ...aboveDomains, ...outsideLib],
    message: "Kernels import no domain: pass the domain's schemas or rules in as arguments (ARCHITECTURE.md).",
  },
  {
    target: domains,
    from: [...aboveDomains, ...outsideLib],
    message: "Domains import kernels and other domains; catalogs and the client data layer sit above them (ARCHITECTURE.md).",
  },
  {
    target: aboveDomains,
    from: outsideLib,
    message: "lib is shared by web and worker; it imports nothing from app, components, worker or the tools (ARCHITECTURE.md).",
  },
];

/** Tests exercise route handlers and workers through lib; they still never reach into components. */
const libTestZones = [{ target: "lib", from: ["components"], message: "lib never imports components (ARCHITECTURE.md)." }];

const restrictedPaths = (zones) => ["error", { basePath: import.meta.dirname, zones }];

const testFiles = ["**/*.test.ts", "**/*.test.tsx", "**/test-*.ts", "**/testing/**"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: testFiles,
    rules: { "import/no-restricted-paths": restrictedPaths(layerZones) },
  },
  {
    files: testFiles.map((pattern) => `lib/${pattern}`),
    rules: { "import/no-restricted-paths": restrictedPaths(libTestZones) },
  },
  globalIgnores([".next/**", "node_modules/**", "data/**", "lib/db/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
]);
