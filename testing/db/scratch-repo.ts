import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "@/scripts/prisma/run-prisma";

const prismaCli = path.join(repoRoot, "node_modules/prisma/build/index.js");

/**
 * A copy of the repository's Prisma setup (schemas, migrations, config, scripts) that a
 * test may change freely; node_modules is shared through a symlink.
 */
export function scratchRepo(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "printernizer-scratch-repo-"));
  for (const entry of ["prisma", "prisma.config.ts", "package.json", "scripts/prisma", "lib/db/url.ts"]) {
    mkdirSync(path.dirname(path.join(dir, entry)), { recursive: true });
    cpSync(path.join(repoRoot, entry), path.join(dir, entry), { recursive: true });
  }
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The Prisma CLI run inside `dir` (so its prisma.config.ts and files apply). */
export function prismaIn(dir: string, args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [prismaCli, ...args], { cwd: dir, env: { ...process.env, ...env }, encoding: "utf8" });
}

/** A TypeScript script of `dir` run with tsx inside `dir`. */
export function tsxIn(dir: string, script: string, args: string[] = []): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ["--import", "tsx", script, ...args], { cwd: dir, encoding: "utf8" });
}
