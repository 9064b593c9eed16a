#!/usr/bin/env node
// Fails when a tracked source file names a path that exists only on one machine: the
// shared folder beside a checkout, or a home or work directory. Tests read their data
// from test/fixtures, so a clone anywhere runs them. System tools (/usr/bin/chromium,
// /usr/sbin/vsftpd) and /tmp are fine. Part of `npm test` (npm run check:paths).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const scanned = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|sh|ya?ml)$/;
const skipped = (file) => file === "package-lock.json" || file.startsWith("test/fixtures/") || file === "scripts/ci/check-paths.mjs";
const forbidden = [
  { pattern: /shared\/fixtures/, why: "the shared folder beside the checkout (use test/fixtures.ts)" },
  { pattern: /\.\.\/shared\b/, why: "the shared folder beside the checkout (use test/fixtures.ts)" },
  { pattern: /(^|[^\w.-])\/(work|home|root|Users)\//, why: "a machine-specific absolute path" },
];
// Paths inside the image build, not on the machine running the tests.
const allowed = ["target=/root/.npm"];

const files = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
  .split("\0")
  .filter((file) => file !== "" && scanned.test(file) && !skipped(file));

const problems = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(path.join(root, file), "utf8");
  } catch {
    continue; // deleted in the work tree, not yet staged
  }
  text.split("\n").forEach((line, index) => {
    const checked = allowed.reduce((rest, ok) => rest.replaceAll(ok, ""), line);
    const hit = forbidden.find(({ pattern }) => pattern.test(checked));
    if (hit) problems.push(`${file}:${index + 1}: ${hit.why}: ${line.trim()}`);
  });
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error(`\n${problems.length} machine-specific path(s); tests must run from any clone.`);
  process.exit(1);
}
console.log(`check:paths: ${files.length} files, no machine-specific paths`);
