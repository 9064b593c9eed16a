import { z } from "zod";
import { apiError } from "@/lib/api/errors";
import { audit, type AuditActor } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { appendEvent } from "@/lib/events/append";
import { alertEventSchemas } from "./events";
import type { AlertListQuery, AlertView } from "./schemas";
import { alertSeverities, isAlertType, severityOf, type AlertParams, type AlertType } from "./types";

/**
 * Alert rows. The worker raises and resolves (one open alert per printer and type);
 * users acknowledge. Every change is also an Event for the live views.
 */

const paramsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export interface RaisedAlert {
  id: string;
  type: AlertType;
  created: boolean;
}

/** Raises an alert unless one of this type is already open for the printer. */
export async function raiseAlert(printerId: string, type: AlertType, params: AlertParams): Promise<RaisedAlert> {
  const open = await db.alert.findFirst({ where: { printerId, type, resolvedAt: null }, select: { id: true } });
  if (open) return { id: open.id, type, created: false };
  const severity = severityOf[type];
  const row = await db.alert.create({
    data: { printerId, type, severity, params: JSON.stringify(paramsSchema.parse(params)) },
    select: { id: true },
  });
  await appendEvent(alertEventSchemas, "alert.raised", { alertId: row.id, type, severity, params }, printerId);
  return { id: row.id, type, created: true };
}

/**
 * Raises an alert about something other than a printer (the spool of a low_stock
 * alert), unless one of this type is already open for it. `notifyAfter` holds its
 * notification until then (persisted, so a worker restart does not lose it).
 */
export async function raiseSubjectAlert(subjectId: string, type: AlertType, params: AlertParams, notifyAfter: Date): Promise<RaisedAlert> {
  const open = await db.alert.findFirst({ where: { subjectId, type, resolvedAt: null }, select: { id: true } });
  if (open) return { id: open.id, type, created: false };
  const severity = severityOf[type];
  const row = await db.alert.create({
    data: { subjectId, type, severity, params: JSON.stringify(paramsSchema.parse(params)), notifyAfter },
    select: { id: true },
  });
  await appendEvent(alertEventSchemas, "alert.raised", { alertId: row.id, type, severity, params }, null);
  return { id: row.id, type, created: true };
}

/** Resolves the open alerts of a type about a subject (a refilled spool); how many were open. */
export async function resolveSubjectAlerts(subjectId: string, type: AlertType): Promise<number> {
  const open = await db.alert.findMany({ where: { subjectId, type, resolvedAt: null }, select: { id: true } });
  let resolved = 0;
  for (const row of open) if (await resolveAlert(row.id, type, null)) resolved += 1;
  return resolved;
}

export interface HeldNotice {
  alertId: string;
  type: AlertType;
  severity: string;
  params: AlertParams;
  printer: { id: string; name: string } | null;
  raisedAt: Date;
}

/**
 * Claims the held notifications that are due at `now` (notifyAfter reached, not yet
 * sent, alert still open and unacknowledged) by setting notifiedAt in one conditional
 * update each, so a notice goes out once even if two workers overlap at a lease handover.
 */
export async function claimDueNotices(now: Date, limit = 50): Promise<HeldNotice[]> {
  const rows = await db.alert.findMany({
    where: { notifiedAt: null, notifyAfter: { lte: now }, resolvedAt: null, acknowledgedAt: null },
    select: { id: true, type: true, severity: true, params: true, createdAt: true, printer: { select: { id: true, name: true } } },
    orderBy: [{ notifyAfter: "asc" }, { id: "asc" }],
    take: limit,
  });
  const claimed: HeldNotice[] = [];
  for (const row of rows) {
    if (!isAlertType(row.type)) continue;
    const { count } = await db.alert.updateMany({ where: { id: row.id, notifiedAt: null }, data: { notifiedAt: now } });
    if (count === 1) {
      claimed.push({ alertId: row.id, type: row.type, severity: row.severity, params: parseParams(row.params), printer: row.printer, raisedAt: row.createdAt });
    }
  }
  return claimed;
}

/**
 * Claims the non-urgent notices not yet announced (a held alert just raised) by setting
 * announcedAt, for the channels that do not wait for business hours.
 */
export async function claimNewHeldNotices(now: Date, limit = 50): Promise<HeldNotice[]> {
  const rows = await db.alert.findMany({
    where: { announcedAt: null, notifyAfter: { not: null }, resolvedAt: null, acknowledgedAt: null },
    select: { id: true, type: true, severity: true, params: true, createdAt: true, printer: { select: { id: true, name: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
  });
  const claimed: HeldNotice[] = [];
  for (const row of rows) {
    if (!isAlertType(row.type)) continue;
    const { count } = await db.alert.updateMany({ where: { id: row.id, announcedAt: null }, data: { announcedAt: now } });
    if (count === 1) {
      claimed.push({ alertId: row.id, type: row.type, severity: row.severity, params: parseParams(row.params), printer: row.printer, raisedAt: row.createdAt });
    }
  }
  return claimed;
}

export async function resolveAlert(alertId: string, type: AlertType, printerId: string | null): Promise<boolean> {
  const { count } = await db.alert.updateMany({ where: { id: alertId, resolvedAt: null }, data: { resolvedAt: new Date() } });
  if (count === 1) await appendEvent(alertEventSchemas, "alert.resolved", { alertId, type }, printerId);
  return count === 1;
}

/** The open alerts of a printer by type (the evaluator's memory after a restart). */
export async function openAlertsOf(printerId: string): Promise<Map<AlertType, string>> {
  const rows = await db.alert.findMany({
    where: { printerId, resolvedAt: null },
    select: { id: true, type: true },
    orderBy: { createdAt: "asc" },
  });
  const open = new Map<AlertType, string>();
  for (const row of rows) if (isAlertType(row.type)) open.set(row.type, row.id);
  return open;
}

const viewColumns = {
  id: true,
  printerId: true,
  type: true,
  severity: true,
  params: true,
  createdAt: true,
  resolvedAt: true,
  acknowledgedAt: true,
  acknowledgedById: true,
  printer: { select: { name: true } },
} as const;

interface AlertRow {
  id: string;
  printerId: string | null;
  type: string;
  severity: string;
  params: string;
  createdAt: Date;
  resolvedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedById: string | null;
  printer: { name: string } | null;
}

function parseParams(text: string): AlertParams {
  try {
    const parsed = paramsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function toAlertView(row: AlertRow): AlertView {
  return {
    id: row.id,
    printerId: row.printerId,
    printerName: row.printer?.name ?? null,
    type: row.type,
    messageKey: `alerts.${row.type}`,
    severity: alertSeverities.find((s) => s === row.severity) ?? "warning",
    params: parseParams(row.params),
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedById: row.acknowledgedById,
  };
}

export async function listAlerts(query: AlertListQuery): Promise<{ alerts: AlertView[]; total: number; page: number; pageSize: number }> {
  const where = {
    ...(query.status === "open" ? { resolvedAt: null } : query.status === "past" ? { resolvedAt: { not: null } } : {}),
    ...(query.printerId ? { printerId: query.printerId } : {}),
    ...(query.unacknowledged ? { acknowledgedAt: null } : {}),
  };
  const [rows, total] = await Promise.all([
    db.alert.findMany({
      where,
      select: viewColumns,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.alert.count({ where }),
  ]);
  return { alerts: rows.map(toAlertView), total, page: query.page, pageSize: query.pageSize };
}

/** Idempotent: acknowledging twice keeps the first acknowledgement. */
export async function acknowledgeAlert(id: string, ctx: { actor: AuditActor; userId: string; ip?: string | null }): Promise<AlertView> {
  const existing = await db.alert.findUnique({ where: { id }, select: { id: true, type: true, printerId: true, acknowledgedAt: true } });
  if (!existing) throw apiError("not_found");
  if (!existing.acknowledgedAt) {
    const { count } = await db.alert.updateMany({
      where: { id, acknowledgedAt: null },
      data: { acknowledgedAt: new Date(), acknowledgedById: ctx.userId },
    });
    if (count === 1) {
      await audit({ actor: ctx.actor, ip: ctx.ip, action: "alert.acknowledged", target: id, details: { type: existing.type } });
      await appendEvent(alertEventSchemas, "alert.acknowledged", { alertId: id, type: existing.type, userId: ctx.userId }, existing.printerId);
    }
  }
  const row = await db.alert.findUnique({ where: { id }, select: viewColumns });
  if (!row) throw apiError("not_found");
  return toAlertView(row);
}
