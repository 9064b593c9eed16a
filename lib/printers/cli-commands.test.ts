import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelopeKeyId } from "@/lib/crypto/envelope";
import { closeDb, db } from "@/lib/db";
import { applyMigrations } from "@/lib/db/migrate";

/** `npm run cli -- printer:add | printer:list | keys:rotate`, run as an operator would. */

const root = path.resolve(import.meta.dirname, "../..");
let dir: string;
let env: NodeJS.ProcessEnv;

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "cli/main.ts", ...args], { cwd: root, env, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "printernizer-cli-"));
  env = { ...process.env, DATABASE_URL: `file:${path.join(dir, "test.db")}`, PRINTERNIZER_DATA_DIR: dir, LOG_LEVEL: "silent" };
  process.env.DATABASE_URL = env.DATABASE_URL;
  process.env.PRINTERNIZER_DATA_DIR = dir;
  await applyMigrations(env.DATABASE_URL);
  writeFileSync(path.join(dir, "ca.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
});

afterAll(async () => {
  await closeDb();
  rmSync(dir, { recursive: true, force: true });
});

describe("printer CLI", () => {
  it("adds printers with the API's fields as flags", async () => {
    const bambu = cli(
      "printer:add",
      "--name", "A1 links",
      "--kind", "bambu",
      "--host", "192.168.1.50",
      "--serial", "03919A000000001",
      "--access-code", "CliSecr1",
      "--model", "A1",
      "--mqtt-port", "8883",
      "--tls", "custom-ca",
      "--ca-cert-file", path.join(dir, "ca.pem"),
    );
    expect(bambu.stderr).toBe("");
    expect(bambu.code).toBe(0);
    expect(bambu.stdout).toMatch(/^added printer A1 links \(\w+\)\n$/);
    const prusa = cli("printer:add", "--name", "MK4", "--kind", "prusalink", "--host", "mk4.local", "--http-port", "8080", "--password", "CliSecret2");
    expect(prusa.code).toBe(0);
    const rows = await db.printer.findMany({ orderBy: { name: "asc" } });
    expect(rows.map((r) => [r.name, r.kind, r.tls, r.httpPort])).toEqual([
      ["A1 links", "bambu", "custom-ca", null],
      ["MK4", "prusalink", "verify", 8080],
    ]);
    expect(rows.every((r) => !r.credentials.includes("CliSecret"))).toBe(true);
  });

  it("refuses incomplete or invalid input with the validation message", () => {
    const missing = cli("printer:add", "--name", "X1", "--kind", "bambu", "--host", "x1.local", "--serial", "00M00A000000001");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Error: invalid printer: --access-code: /);
    expect(cli("printer:add", "--name", "X2", "--kind", "prusalink", "--host", "x.local", "--http-port", "eighty", "--api-key", "k").code).toBe(1);
  });

  it("lists printers", () => {
    const list = cli("printer:list");
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ID\s+NAME\s+KIND/);
    expect(list.stdout).toContain("A1 links");
    expect(list.stdout).toContain("MK4");
    expect(list.stdout).not.toContain("CliSecret");
  });

  it("rotates the credential key and re-encrypts every printer", async () => {
    const before = await db.printer.findMany();
    const rotated = cli("keys:rotate");
    expect(rotated.code).toBe(0);
    const keyFile = JSON.parse(readFileSync(path.join(dir, "secrets", "credential-keys.json"), "utf8")) as { keys: { id: string }[] };
    expect(keyFile.keys).toHaveLength(2);
    const newKey = keyFile.keys[1].id;
    expect(rotated.stdout).toBe(`re-encrypted the credentials of 2 printer(s) with key ${newKey}\n`);
    const after = await db.printer.findMany();
    for (const row of after) expect(envelopeKeyId(row.credentials)).toBe(newKey);
    expect(before.every((row) => envelopeKeyId(row.credentials) === keyFile.keys[0].id)).toBe(true);
  });
});
