import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTempDatabase } from "@/testing/db/temp-database";
import { closeDb, db } from "@/lib/db";
import { audit } from "./audit";
import { hashIp } from "./ip-hash";

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

  it("does not fail the caller when the write fails", async () => {
    const url = process.env.DATABASE_URL;
    await closeDb();
    process.env.DATABASE_URL = `file:${path.join(dir, "missing-folder", "none.db")}`;
    try {
      await expect(audit({ actor: { type: "system" }, action: "lost" })).resolves.toBeUndefined();
    } finally {
      await closeDb();
      process.env.DATABASE_URL = url;
    }
    expect(await db.auditLog.count({ where: { action: "lost" } })).toBe(0);
  });
});
