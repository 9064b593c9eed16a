import { db } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { hashIp } from "./ip-hash";

const log = logger("audit");

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

/**
 * Appends one row to the audit trail. A failed write is logged and swallowed: the
 * operation it describes has already happened and must not be reported as failed.
 */
export async function audit(entry: AuditEntry): Promise<void> {
  try {
    await db.auditLog.create({
      data: {
        actorType: entry.actor.type,
        actorId: entry.actor.id ?? null,
        action: entry.action,
        target: entry.target ?? null,
        details: entry.details ? JSON.stringify(entry.details) : null,
        ipHash: entry.ip ? hashIp(entry.ip) : null,
      },
    });
  } catch (err) {
    log.error({ err, action: entry.action }, "audit write failed");
  }
}
