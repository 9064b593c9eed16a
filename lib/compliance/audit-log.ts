import { z } from "zod";
import { csvDocument, csvFormat, csvLine, textCell } from "@/lib/business/exports/csv";
import { createTranslator } from "next-intl";
import { db } from "@/lib/db";
import deMessages from "@/messages/de/auditLog.json";
import enMessages from "@/messages/en/auditLog.json";
import { resolveAuditTargets } from "./audit-targets";
import { auditActionText, auditActorText, auditDetailItems, auditTargetText, type AuditTranslator } from "./audit-text";

/** The audit trail for admins: filtered, paginated, and as CSV. */

export const auditQuerySchema = z.object({
  action: z.string().trim().min(1).max(100).optional(),
  actorId: z.string().trim().min(1).max(64).optional(),
  /** Berlin-agnostic ISO instants or dates; from inclusive, to exclusive. */
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  /** The target's record by name, with its page; null when the target names no record. */
  targetName: z.string().nullable(),
  targetHref: z.string().nullable(),
  details: z.string().nullable(),
  /** Whether a (hashed) client address was recorded; the hash itself is not shown. */
  hasIp: z.boolean(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditListSchema = z.object({ entries: z.array(auditEntrySchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

function whereOf(query: Omit<AuditQuery, "page" | "pageSize">) {
  return {
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(query.actorId ? { actorId: query.actorId } : {}),
    ...(query.from || query.to
      ? { createdAt: { ...(query.from ? { gte: new Date(query.from) } : {}), ...(query.to ? { lt: new Date(query.to) } : {}) } }
      : {}),
  };
}

async function withNames(rows: { id: number; createdAt: Date; actorType: string; actorId: string | null; action: string; target: string | null; details: string | null; ipHash: string | null }[]): Promise<AuditEntryView[]> {
  const ids = [...new Set(rows.flatMap((row) => (row.actorId ? [row.actorId] : [])))];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const names = new Map(users.map((user) => [user.id, user.name]));
  const targets = await resolveAuditTargets(rows.flatMap((row) => (row.target ? [row.target] : [])));
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    actorName: row.actorId ? (names.get(row.actorId) ?? null) : null,
    action: row.action,
    target: row.target,
    targetName: row.target ? (targets.get(row.target)?.name ?? null) : null,
    targetHref: row.target ? (targets.get(row.target)?.href ?? null) : null,
    details: row.details,
    hasIp: row.ipHash !== null,
  }));
}

export async function listAudit(query: AuditQuery) {
  const where = whereOf(query);
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: { id: "desc" }, skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    db.auditLog.count({ where }),
  ]);
  return { entries: await withNames(rows), total, page: query.page, pageSize: query.pageSize };
}

const MAX_EXPORT_ROWS = 100_000;

/** The "auditLog" messages outside a request (CSV export). */
export function auditTranslator(locale: "de" | "en"): AuditTranslator {
  const t = createTranslator({ locale, messages: { auditLog: locale === "de" ? deMessages : enMessages }, namespace: "auditLog" });
  const translate = (key: string, values?: Record<string, string | number>) => t(key as never, values as never);
  return Object.assign(translate, { has: (key: string) => t.has(key as never) });
}

/** The trail as CSV: the codes for machines, then the same row in words for people. */
export async function auditCsv(query: Omit<AuditQuery, "page" | "pageSize">, locale: "de" | "en"): Promise<string> {
  const format = csvFormat(locale);
  const t = auditTranslator(locale);
  const rows = await withNames(await db.auditLog.findMany({ where: whereOf(query), orderBy: { id: "asc" }, take: MAX_EXPORT_ROWS }));
  const header = ["id", "createdAt", "actorType", "actorId", "actorName", "action", "target", "details", t("csv.actionText"), t("csv.actorText"), t("csv.targetText"), t("csv.detailsText")];
  const lines = [csvLine(header.map((cell) => textCell(cell, format)), format)];
  for (const row of rows) {
    const detailsText = auditDetailItems(t, locale, row.details)
      .map((item) => `${item.label}: ${item.value}`)
      .join("; ");
    const cells = [String(row.id), row.createdAt, row.actorType, row.actorId, row.actorName, row.action, row.target, row.details];
    const words = [auditActionText(t, row.action), auditActorText(t, row), auditTargetText(row), detailsText];
    lines.push(csvLine([...cells, ...words].map((cell) => textCell(cell, format)), format));
  }
  return csvDocument(lines, format);
}
