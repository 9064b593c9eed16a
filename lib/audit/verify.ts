import { db } from "@/lib/db";
import { verifyAuditRows, GENESIS_HASH, type ChainBreak } from "./chain";

export interface AuditVerification {
  ok: boolean;
  /** Rows checked before the walk ended. */
  checked: number;
  /** The newest row of an intact chain: compared with the next run's walk. */
  head: { id: number; hash: string } | null;
  broken: ChainBreak | null;
}

const BATCH = 2_000;

/**
 * Walks the whole audit chain in id order, a batch at a time. With `knownHead` (the head a
 * previous run saw), a chain that no longer contains that row unchanged counts as broken
 * too: it catches rows removed from the end, which a chain alone cannot show.
 */
export async function verifyAuditChain(knownHead: { id: number; hash: string } | null = null): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let checked = 0;
  let head: AuditVerification["head"] = null;
  let sawKnownHead = knownHead === null;
  for (;;) {
    const rows = await db.auditLog.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" }, take: BATCH });
    if (rows.length === 0) break;
    const { lastHash, broken } = verifyAuditRows(rows, prevHash);
    if (broken) return { ok: false, checked: checked + rows.findIndex((row) => row.id === broken.id), head, broken };
    if (knownHead && !sawKnownHead) {
      const seen = rows.find((row) => row.id === knownHead.id);
      if (seen) {
        if (seen.hash !== knownHead.hash) return { ok: false, checked, head, broken: { id: seen.id, reason: "changed" } };
        sawKnownHead = true;
      }
    }
    checked += rows.length;
    prevHash = lastHash;
    const last = rows[rows.length - 1];
    head = { id: last.id, hash: lastHash };
    afterId = last.id;
  }
  if (!sawKnownHead && knownHead) return { ok: false, checked, head, broken: { id: knownHead.id, reason: "unlinked" } };
  return { ok: true, checked, head, broken: null };
}
