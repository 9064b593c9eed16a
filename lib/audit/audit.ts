import { db } from "@/lib/db";
import { takeNamedLock } from "@/lib/db/named-lock";
import { logger } from "@/lib/log/logger";
import { auditRowHash, GENESIS_HASH } from "./chain";
import { hashIp } from "./ip-hash";

const log = logger("audit");

// Appends queue behind one lock: give a burst of them (a bulk import, a retention run) time
// to get their turn instead of Prisma's 2 s default.
const appendTransaction = { maxWait: 15_000, timeout: 15_000 };

export type ActorType = "user" | "token" | "system" | "worker";

export interface AuditActor {
  type: ActorType;
  /** User id for "user" and "token" actors (a token acts for its user). */
  id?: string | null;
}

export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  target?: string | null;
  /** Never secrets: no passwords, tokens or raw addresses. */
  details?: AuditDetails | null;
  /** Client address; stored only as a keyed hash. */
  ip?: string | null;
}

export const systemActor: AuditActor = { type: "system" };

export const AUDIT_CHAIN = "audit-log";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Links the rows written before the chain existed onto it, in id order. They can only be a
 * prefix of the table: a row after the first sealed one never lacks its hash (rows are
 * hashed in the transaction that writes them), so a missing hash there stays a break for
 * `verifyAuditChain` instead of being papered over.
 */
async function sealLegacyRows(tx: Tx, beforeId: number | null): Promise<void> {
  const firstSealed = await tx.auditLog.findFirst({ where: { hash: { not: null } }, orderBy: { id: "asc" }, select: { id: true } });
  const limits = [firstSealed?.id, beforeId ?? undefined].filter((id) => id !== undefined);
  const where = limits.length > 0 ? { hash: null, id: { lt: Math.min(...limits) } } : { hash: null };
  const unsealed = await tx.auditLog.findMany({ where, orderBy: { id: "asc" } });
  if (unsealed.length === 0) return;
  let prevHash = GENESIS_HASH;
  for (const row of unsealed) {
    const hash = auditRowHash(row, prevHash);
    await tx.auditLog.update({ where: { id: row.id }, data: { prevHash, hash } });
    prevHash = hash;
  }
  log.info({ rows: unsealed.length }, "audit rows from before the hash chain were sealed onto it");
}

/** Seals rows from before the chain existed (after an upgrade); a no-op once done. */
export async function sealAuditChain(): Promise<void> {
  await db.$transaction(async (tx) => {
    await takeNamedLock(tx, AUDIT_CHAIN);
    // An UPDATE takes SQLite's write lock even when it matches no row: reads that follow
    // then see the newest rows and no other process appends in between.
    await tx.auditLog.updateMany({ where: { id: { lt: 0 } }, data: { hash: null } });
    await sealLegacyRows(tx, null);
  }, appendTransaction);
}

/**
 * Appends one row to the audit trail, chained to the row before it. A failed write throws:
 * an action whose record cannot be kept must not be reported as done.
 */
export async function audit(entry: AuditEntry): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      await takeNamedLock(tx, AUDIT_CHAIN);
      // Write first: on SQLite that takes the write lock, so the row read next as "previous"
      // is the newest one and no other process can append in between.
      const row = await tx.auditLog.create({
        data: {
          actorType: entry.actor.type,
          actorId: entry.actor.id ?? null,
          action: entry.action,
          target: entry.target ?? null,
          details: entry.details ? JSON.stringify(entry.details) : null,
          ipHash: entry.ip ? hashIp(entry.ip) : null,
        },
      });
      await sealLegacyRows(tx, row.id);
      const previous = await tx.auditLog.findFirst({ where: { id: { lt: row.id } }, orderBy: { id: "desc" }, select: { hash: true } });
      const prevHash = previous?.hash ?? GENESIS_HASH;
      await tx.auditLog.update({ where: { id: row.id }, data: { prevHash, hash: auditRowHash(row, prevHash) } });
    }, appendTransaction);
  } catch (err) {
    log.error({ err, action: entry.action }, "audit write failed");
    throw err;
  }
}
