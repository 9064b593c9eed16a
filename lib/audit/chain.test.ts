import { describe, expect, it } from "vitest";
import { auditRowHash, GENESIS_HASH, verifyAuditRows, type ChainRow } from "./chain";

function chain(count: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let id = 1; id <= count; id++) {
    const content = { id, createdAt: new Date(Date.UTC(2026, 11, 7, 9, 0, id)), actorType: "user", actorId: `u${id}`, action: "test.action", target: `t${id}`, details: null, ipHash: null };
    const hash = auditRowHash(content, prevHash);
    rows.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

describe("audit hash chain", () => {
  it("accepts an intact chain and reports its last hash", () => {
    const rows = chain(5);
    expect(verifyAuditRows(rows, GENESIS_HASH)).toEqual({ lastHash: rows[4].hash, broken: null });
  });

  it("names a changed row", () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], target: "other" };
    expect(verifyAuditRows(rows, GENESIS_HASH).broken).toEqual({ id: 3, reason: "changed" });
  });

  it("names the row after a deleted one", () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyAuditRows(rows, GENESIS_HASH).broken).toEqual({ id: 3, reason: "unlinked" });
  });

  it("names an inserted row, even one hashed like the others", () => {
    const rows = chain(5);
    const forged = { ...rows[2], id: 3, target: "forged" };
    const inserted = { ...forged, hash: auditRowHash(forged, rows[1].hash!) };
    rows.splice(2, 0, inserted);
    expect(verifyAuditRows(rows, GENESIS_HASH).broken).toEqual({ id: 3, reason: "unlinked" });
  });

  it("treats a row without hash as a break", () => {
    const rows = chain(3);
    rows[1] = { ...rows[1], hash: null };
    expect(verifyAuditRows(rows, GENESIS_HASH).broken).toEqual({ id: 2, reason: "unsealed" });
  });

  it("keeps field boundaries: moving text between fields changes the hash", () => {
    const base = chain(1)[0];
    expect(auditRowHash({ ...base, action: "ab", target: "c" }, "")).not.toBe(auditRowHash({ ...base, action: "a", target: "bc" }, ""));
  });
});
