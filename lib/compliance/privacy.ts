import { randomBytes } from "node:crypto";
import { apiError } from "@/lib/api/errors";
import { audit, type AuditActor } from "@/lib/audit/audit";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { pseudonym } from "./pseudonym";

/**
 * DSGVO: what Printernizer holds about a person (Art. 15, 20) and erasure (Art. 17).
 * Erasure keeps business records (retention duties come first, Art. 17 (3) b) but
 * replaces the person's name and e-mail by a pseudonym everywhere they appear; the
 * account is disabled, its sessions end and its tokens are revoked.
 */

const MAX_ROWS = 10_000;

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function exportPersonalData(userId: string, now = new Date()) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, disabled: true, locale: true, createdAt: true, updatedAt: true },
  });
  if (!user) throw apiError("not_found");
  const tokens = await db.apiToken.findMany({
    where: { userId },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
    orderBy: { createdAt: "asc" },
  });
  const auditEntries = await db.auditLog.findMany({
    where: { OR: [{ actorId: userId }, { target: userId }] },
    select: { id: true, createdAt: true, actorType: true, actorId: true, action: true, target: true, details: true },
    orderBy: { id: "asc" },
    take: MAX_ROWS,
  });
  const commands = await db.command.findMany({
    where: { createdById: userId },
    select: { id: true, createdAt: true, type: true, printerId: true, status: true, finishedAt: true },
    orderBy: { id: "asc" },
    take: MAX_ROWS,
  });
  const jobIds = new Set<string>();
  for (const command of commands) {
    if (!command.printerId) continue;
    const job = await db.job.findFirst({
      where: { printerId: command.printerId, startedAt: { lte: new Date(command.createdAt.getTime() + 10 * 60_000) }, OR: [{ endedAt: null }, { endedAt: { gte: command.createdAt } }] },
      select: { id: true },
      orderBy: { startedAt: "desc" },
    });
    if (job) jobIds.add(job.id);
  }
  const jobs = await db.job.findMany({
    where: { id: { in: [...jobIds] } },
    select: { id: true, name: true, printerId: true, status: true, startedAt: true, endedAt: true, customer: true, orderReference: true },
    orderBy: { startedAt: "asc" },
  });
  return {
    exportedAt: now.toISOString(),
    profile: user,
    apiTokens: tokens,
    auditEntries: auditEntries.map((entry) => ({ ...entry, details: parseJson(entry.details) })),
    commands,
    jobs,
  };
}

export type PersonalDataExport = Awaited<ReturnType<typeof exportPersonalData>>;

export async function erasePerson(userId: string, context: { actor: AuditActor; ip: string | null }, now = new Date()): Promise<{ pseudonym: string }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, role: true, disabled: true } });
  if (!user) throw apiError("not_found");
  if (context.actor.id === userId) throw apiError("conflict", { reason: "erase_self" });
  if (user.role === "admin" && !user.disabled) {
    const others = await db.user.count({ where: { role: "admin", disabled: false, id: { not: userId } } });
    if (others === 0) throw apiError("last_admin");
  }
  const alias = pseudonym("person", user.id);
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  await db.$transaction([
    db.user.update({
      where: { id: userId },
      data: { name: alias, email: `${alias}@erased.invalid`, disabled: true, passwordHash, locale: null, sessionVersion: { increment: 1 } },
    }),
    db.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } }),
    db.job.updateMany({ where: { customer: user.name }, data: { customer: alias } }),
    db.job.updateMany({ where: { customer: user.email }, data: { customer: alias } }),
  ]);
  await audit({ actor: context.actor, action: "privacy.erased", target: userId, details: { pseudonym: alias }, ip: context.ip });
  return { pseudonym: alias };
}
