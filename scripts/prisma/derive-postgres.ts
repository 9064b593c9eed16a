/**
 * Derives prisma/postgres/schema.prisma from the SQLite source of truth
 * prisma/schema.prisma. A Prisma schema cannot switch provider at run time, so the
 * PostgreSQL schema is a build artifact: provider swapped, its own client output, and
 * PostgreSQL-only attributes taken from `// @pg <attributes>` marker comments.
 *
 *   npx tsx scripts/prisma/derive-postgres.ts           writes the derived schema
 *   npx tsx scripts/prisma/derive-postgres.ts --check   exits 1 when it is stale
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const sourcePath = path.join(root, "prisma/schema.prisma");
export const derivedPath = path.join(root, "prisma/postgres/schema.prisma");

const HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db:derive`. Do not edit: change the source\n" +
  "// and derive again (`npm run db:check` fails while this file is stale).\n\n";

/** `field Type @a // @pg @db.Text` -> `field Type @a @db.Text`; a marker alone on a line becomes that line. */
const PG_MARKER = /^(\s*)(.*?)\s*\/\/\s*@pg\s+(.+?)\s*$/;

export function derivePostgresSchema(source: string, sourceFile: string, derivedFile: string): string {
  const lines = source.split("\n");
  let block: string | null = null;
  let providerSwapped = false;
  let outputRewritten = false;

  const out = lines.map((line, index) => {
    const opening = /^\s*(datasource|generator|model|enum|view|type)\s+\w+\s*\{/.exec(line);
    if (opening) block = opening[1];
    else if (/^\s*\}/.test(line)) block = null;

    if (block === "datasource" && /^\s*provider\s*=/.test(line)) {
      if (!/=\s*"sqlite"/.test(line)) throw new Error(`line ${index + 1}: the source datasource must use provider "sqlite"`);
      providerSwapped = true;
      return line.replace(/"sqlite"/, '"postgresql"');
    }

    if (block === "generator" && /^\s*output\s*=/.test(line)) {
      const match = /=\s*"([^"]+\/sqlite)"/.exec(line);
      if (!match) throw new Error(`line ${index + 1}: the generator output must end in "/sqlite"`);
      const absolute = path.resolve(path.dirname(sourceFile), match[1]).replace(/sqlite$/, "postgres");
      const relative = path.relative(path.dirname(derivedFile), absolute).split(path.sep).join("/");
      outputRewritten = true;
      return line.replace(match[1], relative);
    }

    const marker = PG_MARKER.exec(line);
    if (marker && !marker[2].startsWith("//")) {
      const [, indent, code, attributes] = marker;
      return code === "" ? `${indent}${attributes}` : `${indent}${code} ${attributes}`;
    }
    return line;
  });

  if (!providerSwapped) throw new Error("no datasource provider found in the source schema");
  if (!outputRewritten) throw new Error("no generator output found in the source schema");
  return HEADER + out.join("\n");
}

function main(): void {
  const check = process.argv.includes("--check");
  const derived = derivePostgresSchema(readFileSync(sourcePath, "utf8"), sourcePath, derivedPath);
  let current: string | null = null;
  try {
    current = readFileSync(derivedPath, "utf8");
  } catch {
    current = null;
  }
  if (check) {
    if (current !== derived) {
      process.stderr.write(`${path.relative(root, derivedPath)} is stale: run \`npm run db:derive\` and commit it.\n`);
      process.exit(1);
    }
    process.stdout.write(`${path.relative(root, derivedPath)} is up to date.\n`);
    return;
  }
  if (current === derived) return;
  mkdirSync(path.dirname(derivedPath), { recursive: true });
  writeFileSync(derivedPath, derived);
  process.stdout.write(`wrote ${path.relative(root, derivedPath)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
