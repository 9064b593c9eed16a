import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const helper = path.join(path.dirname(fileURLToPath(import.meta.url)), "apply-at.ts");
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Starts `processes` separate Node processes that all apply migrations to the same
 * databases (in the same order) at the same moment. Resolves with what each process
 * reported per database: the migrations it applied itself.
 */
export async function applyConcurrently(urls: string[], processes: number): Promise<string[][][]> {
  // Far enough ahead for every process to finish loading before the start signal.
  const startAt = Date.now() + 2500;
  const runs = Array.from({ length: processes }, () =>
    new Promise<string[][]>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", helper, String(startAt), ...urls], {
        cwd: repoRoot,
        env: { ...process.env, LOG_LEVEL: "silent" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code) => {
        if (code !== 0) return reject(new Error(`migration process exited with ${code}: ${stderr}`));
        const reports = stdout
          .split("\n")
          .filter((line) => line.startsWith("{"))
          .map((line) => (JSON.parse(line) as { applied: string[] }).applied);
        resolve(reports);
      });
    }),
  );
  return Promise.all(runs);
}
