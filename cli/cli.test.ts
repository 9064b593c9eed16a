import { execFile, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
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

  it("audit:verify names the first changed, deleted or inserted row", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "pz-cli-"));
    for (const n of [1, 2, 3, 4]) {
      await cli(dataDir, "user:create", "--email", `u${n}@example.com`, "--name", `U${n}`, "--password", "lang-genug-123");
    }
    expect((await cli(dataDir, "audit:verify")).stdout).toMatch(/audit chain intact: 4 row\(s\), newest 4/);

    const sqlite = new Database(path.join(dataDir, "printernizer.db"));
    const verifyFails = async (message: RegExp) => {
      const failure = await cli(dataDir, "audit:verify").then(
        () => null,
        (err: { code: number; stderr: string }) => err,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(message);
    };
    try {
      const original = sqlite.prepare(`SELECT * FROM "AuditLog" WHERE id = 2`).get() as Record<string, unknown>;
      sqlite.prepare(`UPDATE "AuditLog" SET target = 'someone-else' WHERE id = 2`).run();
      await verifyFails(/BROKEN at row 2: it was changed/);
      sqlite.prepare(`UPDATE "AuditLog" SET target = ? WHERE id = 2`).run(original.target);

      sqlite.prepare(`DELETE FROM "AuditLog" WHERE id = 2`).run();
      await verifyFails(/BROKEN at row 3: it does not follow the row before it/);
      sqlite.prepare(`INSERT INTO "AuditLog" (id, createdAt, actorType, actorId, action, target, details, ipHash, prevHash, hash) VALUES (@id, @createdAt, @actorType, @actorId, @action, @target, @details, @ipHash, @prevHash, @hash)`).run(original);
      expect((await cli(dataDir, "audit:verify")).stdout).toMatch(/intact/);

      sqlite.prepare(`INSERT INTO "AuditLog" (id, createdAt, actorType, action, prevHash, hash) SELECT 10, createdAt, 'system', 'forged', prevHash, hash FROM "AuditLog" WHERE id = 3`).run();
      sqlite.prepare(`UPDATE "AuditLog" SET id = 100 + id WHERE id IN (3, 4)`).run();
      sqlite.prepare(`UPDATE "AuditLog" SET id = 3 WHERE id = 10`).run();
      await verifyFails(/BROKEN at row 3: it was changed/);
    } finally {
      sqlite.close();
    }
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
