import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const prismaCli = path.join(repoRoot, "node_modules/prisma/build/index.js");

export type PrismaRun = { status: number; stdout: string; stderr: string };
type Env = Record<string, string | undefined>;

/**
 * Runs the unmodified Prisma CLI from the repository root. prisma.config.ts routes it to
 * the schema-engine stand-in and picks schema and migrations folder from DATABASE_URL.
 */
export function runPrisma(args: string[], env: Env = {}): PrismaRun {
  const result = spawnSync(process.execPath, [prismaCli, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** runPrisma without blocking, so independent runs (one per database) overlap. */
export function runPrismaAsync(args: string[], env: Env = {}): Promise<PrismaRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code ?? 1, stdout, stderr }));
  });
}
