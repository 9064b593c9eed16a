import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(os.tmpdir(), "pz-backup-cli-"));
const dbFile = path.join(dataDir, "printernizer.db");
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const cli = (env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "cli/main.ts", ...args], {
    cwd: root,
    env: { ...process.env, PRINTERNIZER_DATA_DIR: dataDir, DATABASE_URL: `file:${dbFile}`, LOG_LEVEL: "warn", ...env },
  });

describe("npm run cli -- backup / restore", () => {
  it("backs up, refuses to restore under a live worker lease, then restores", async () => {
    const { stdout } = await cli({}, "backup");
    const file = /^backup (printernizer-\S+\.db) \(\d+ bytes/m.exec(stdout)?.[1];
    expect(file).toBeTruthy();
    const backup = path.join(dataDir, "backups", file ?? "");

    const live = new Database(dbFile);
    const now = Date.now();
    live.prepare("INSERT INTO Lease (name, holder, acquiredAt, expiresAt, heartbeatAt) VALUES ('worker', 'w-cli', ?, ?, ?)").run(now, now + 600_000, now);
    live.prepare("INSERT INTO Setting (key, value, updatedAt) VALUES ('after', '1', ?)").run(now);
    live.close();
    await expect(cli({}, "restore", backup)).rejects.toMatchObject({ stderr: expect.stringMatching(/live lease/) });

    const expire = new Database(dbFile);
    expire.prepare("UPDATE Lease SET expiresAt = ? WHERE name = 'worker'").run(now - 1_000);
    expire.close();
    expect((await cli({}, "restore", backup)).stdout).toMatch(/^restored /);
    const restored = new Database(dbFile, { readonly: true });
    expect(restored.prepare("SELECT count(*) FROM Setting WHERE key = 'after'").pluck().get()).toBe(0);
    expect(restored.prepare("SELECT count(*) FROM Lease").pluck().get()).toBe(0);
    restored.close();
    expect(readdirSync(dataDir).filter((name) => name.includes("restore"))).toEqual([]);

    await expect(cli({}, "restore")).rejects.toMatchObject({ code: 1 });
  }, 60_000);

  it("points to the pg_dump scripts when DATABASE_URL is PostgreSQL", async () => {
    const pg = { DATABASE_URL: "postgresql://printernizer@127.0.0.1:1/printernizer" };
    await expect(cli(pg, "backup")).rejects.toMatchObject({ stderr: expect.stringMatching(/deploy\/postgres\/backup\.sh/) });
    await expect(cli(pg, "restore", "x.dump")).rejects.toMatchObject({ stderr: expect.stringMatching(/restore\.sh/) });
  }, 30_000);
});
