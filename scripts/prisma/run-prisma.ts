import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const prismaCli = path.join(repoRoot, "node_modules/prisma/build/index.js");

export type PrismaRun = { status: number; stdout: string; stderr: string };

/**
 * Runs the unmodified Prisma CLI from the repository root. prisma.config.ts routes it to
 * the schema-engine stand-in and picks schema and migrations folder from DATABASE_URL.
 */
export function runPrisma(args: string[], env: Record<string, string | undefined> = {}): PrismaRun {
  const result = spawnSync(process.execPath, [prismaCli, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}
