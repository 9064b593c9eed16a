import { createHash } from "node:crypto";
import type { AuditLog } from "@/lib/db";

/**
 * The audit log is a hash chain: each row stores the previous row's hash and a SHA-256 over
 * its own content plus that hash. Changing, deleting or inserting a row anywhere but at the
 * end breaks the chain at that row; `verifyAuditRows` names the first broken one.
 */

/** `prevHash` of the first row. */
export const GENESIS_HASH = "";

type HashedColumns = Pick<AuditLog, "id" | "createdAt" | "actorType" | "actorId" | "action" | "target" | "details" | "ipHash">;

export function auditRowHash(row: HashedColumns, prevHash: string): string {
  // A JSON array keeps field boundaries unambiguous ("ab" + "c" differs from "a" + "bc").
  const content = JSON.stringify([
    "audit.v1",
    row.id,
    row.createdAt.toISOString(),
    row.actorType,
    row.actorId,
    row.action,
    row.target,
    row.details,
    row.ipHash,
    prevHash,
  ]);
  return createHash("sha256").update(content).digest("hex");
}

export type ChainRow = HashedColumns & Pick<AuditLog, "prevHash" | "hash">;

export type ChainBreak =
  | { id: number; reason: "unsealed" }
  /** The row's content no longer matches its hash: it was changed. */
  | { id: number; reason: "changed" }
  /** The row does not follow the row before it: rows were deleted or inserted there. */
  | { id: number; reason: "unlinked" };

/** Walks rows in id order from `prevHash` (the hash of the row before the first one). */
export function verifyAuditRows(rows: readonly ChainRow[], prevHash: string): { lastHash: string; broken: ChainBreak | null } {
  let previous = prevHash;
  for (const row of rows) {
    if (row.hash === null || row.prevHash === null) return { lastHash: previous, broken: { id: row.id, reason: "unsealed" } };
    if (row.prevHash !== previous) return { lastHash: previous, broken: { id: row.id, reason: "unlinked" } };
    if (auditRowHash(row, row.prevHash) !== row.hash) return { lastHash: previous, broken: { id: row.id, reason: "changed" } };
    previous = row.hash;
  }
  return { lastHash: previous, broken: null };
}
