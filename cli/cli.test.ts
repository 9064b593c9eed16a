import { execFile, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");

function envFor(dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PRINTERNIZER_DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "printernizer.db")}`,
    PRINTERNIZER_WORKER_PORT: "0",
    LOG_LEVEL: "warn",
  };
}

const cli = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "cli/main.ts", ...args], { cwd: root, env: envFor(dataDir) });

describe("npm run cli", () => {
  it("migrates, creates a user and a token (printed last), and rejects bad input", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "pz-cli-"));
    expect((await cli(dataDir, "migrate")).stdout).toMatch(/applied: .*init/);
    expect((await cli(dataDir, "migrate")).stdout).toMatch(/up to date/);
    await cli(dataDir, "user:create", "--email", "ops@example.com", "--name", "Ops", "--password", "lang-genug-123", "--role", "operator");
    const { stdout } = await cli(dataDir, "token:create", "--email", "ops@example.com", "--name", "script");
    expect(stdout.trim().split("\n").at(-1)).toMatch(/^pzr_[A-Za-z0-9_-]{20,}$/);

    await expect(cli(dataDir, "user:create", "--email", "not-an-email", "--name", "X", "--password", "p")).rejects.toMatchObject({ code: 1 });
    await expect(cli(dataDir, "no:such-command")).rejects.toMatchObject({ code: 2 });
  }, 60_000);

  it("worker:ping gets an answer through the command queue from a running worker", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "pz-cli-"));
    const worker = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], { cwd: root, env: envFor(dataDir), stdio: "ignore" });
    try {
      const { stdout } = await cli(dataDir, "worker:ping", "--timeout", "30");
      expect(stdout).toMatch(/worker answered: \{"pong":"\d{4}-/);
    } finally {
      worker.kill("SIGTERM");
    }
  }, 60_000);
});
