import { applyMigrations } from "@/lib/db/migrate";
import { sealAuditChain } from "./audit";
import { verifyAuditChain, type AuditVerification } from "./verify";

/**
 * `audit:verify`: seals rows from before the chain existed (after an upgrade), then walks
 * the whole chain. The caller prints the outcome and exits non-zero on a break.
 */
export async function verifyAuditCommand(): Promise<AuditVerification> {
  await applyMigrations();
  await sealAuditChain();
  return verifyAuditChain();
}

export function describeVerification(result: AuditVerification): string {
  if (result.broken) {
    const what = { changed: "was changed", unlinked: "does not follow the row before it (rows deleted or inserted)", unsealed: "has no hash" }[result.broken.reason];
    return `audit chain BROKEN at row ${result.broken.id}: it ${what}; ${result.checked} row(s) before it are intact`;
  }
  return result.head ? `audit chain intact: ${result.checked} row(s), newest ${result.head.id} (${result.head.hash.slice(0, 16)}…)` : "audit log is empty";
}
