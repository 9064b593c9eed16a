import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTempDatabase } from "@/testing/db/temp-database";
import { closeDb, db } from "@/lib/db";
import { audit, sealAuditChain, systemActor } from "./audit";
import { GENESIS_HASH } from "./chain";
import { verifyAuditChain } from "./verify";
import { hashIp } from "./ip-hash";

const repoRoot = path.resolve(import.meta.dirname, "../..");
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  delete process.env.PRINTERNIZER_SECRET_KEY;
  ({ dir, cleanup } = await useTempDatabase());
});
afterAll(() => cleanup());

describe("audit", () => {
  it("appends entries with a keyed hash of the address, never the address", async () => {
    await audit({ actor: { type: "user", id: "u1" }, action: "test.action", target: "t1", details: { n: 1 }, ip: "10.1.2.3" });
    const row = await db.auditLog.findFirstOrThrow({ where: { action: "test.action" } });
    expect(row).toMatchObject({ actorType: "user", actorId: "u1", target: "t1", details: '{"n":1}' });
    expect(row.ipHash).toBe(hashIp("10.1.2.3"));
    expect(JSON.stringify(row)).not.toContain("10.1.2.3");
  });

  it("keys the hash with a generated secret file (0600) that stays the same", () => {
    const file = path.join(dir, "secrets", "ip-hash-key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(hashIp("10.1.2.3")).toBe(hashIp("10.1.2.3"));
    expect(hashIp("10.1.2.3")).not.toBe(hashIp("10.1.2.4"));
    // Not a plain digest: without the key the hash cannot be recomputed from the address.
    expect(hashIp("10.1.2.3")).not.toBe(createHash("sha256").update("10.1.2.3").digest("base64url"));
  });

  it("fails the caller when the write fails", async () => {
    const url = process.env.DATABASE_URL;
    await closeDb();
    process.env.DATABASE_URL = url?.startsWith("file:") ? `file:${path.join(dir, "missing-folder", "none.db")}` : `${url}-missing`;
    try {
      await expect(audit({ actor: { type: "system" }, action: "lost" })).rejects.toThrow();
    } finally {
      await closeDb();
      process.env.DATABASE_URL = url;
    }
    expect(await db.auditLog.count({ where: { action: "lost" } })).toBe(0);
  });

  it("chains every row to the one before it", async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => audit({ actor: systemActor, action: "test.parallel", target: String(i) })));
    const rows = await db.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    const result = await verifyAuditChain();
    expect(result).toMatchObject({ ok: true, checked: rows.length, head: { id: rows.at(-1)!.id } });
  });

  it("keeps one chain while two processes append at once", async () => {
    const startAt = Date.now() + 2500;
    const appendMany = path.join(repoRoot, "testing/audit/append-many.ts");
    await Promise.all(
      ["a", "b"].map((label) =>
        promisify(execFile)(process.execPath, ["--import", "tsx", appendMany, String(startAt), "25", label], { cwd: repoRoot, env: { ...process.env, LOG_LEVEL: "silent" } }),
      ),
    );
    expect(await db.auditLog.count({ where: { action: "test.race" } })).toBe(50);
    expect(await verifyAuditChain()).toMatchObject({ ok: true, broken: null });
  }, 60_000);

  it("seals rows from before the chain onto it, but not a hash removed later", async () => {
    const rows = await db.auditLog.findMany({ orderBy: { id: "asc" }, take: 3 });
    // As after an upgrade: the oldest rows were written without a chain.
    await db.auditLog.updateMany({ where: { id: { in: rows.map((row) => row.id) } }, data: { hash: null, prevHash: null } });
    await db.auditLog.updateMany({ where: { id: { gt: rows[2].id } }, data: { hash: null, prevHash: null } });
    await sealAuditChain();
    expect(await verifyAuditChain()).toMatchObject({ ok: true });

    const last = await db.auditLog.findFirstOrThrow({ orderBy: { id: "desc" } });
    await db.auditLog.update({ where: { id: last.id }, data: { hash: null } });
    await sealAuditChain();
    expect(await verifyAuditChain()).toMatchObject({ ok: false, broken: { id: last.id, reason: "unsealed" } });
    await db.auditLog.update({ where: { id: last.id }, data: { hash: last.hash } });
  });

  it("detects rows cut off the end against the head a previous check saw", async () => {
    const before = await verifyAuditChain();
    await audit({ actor: systemActor, action: "test.tail" });
    const withTail = await verifyAuditChain(before.head);
    expect(withTail.ok).toBe(true);
    await db.auditLog.delete({ where: { id: withTail.head!.id } });
    expect(await verifyAuditChain(withTail.head)).toMatchObject({ ok: false, broken: { id: withTail.head!.id, reason: "unlinked" } });
  });
});
