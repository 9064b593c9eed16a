import { z } from "zod";
import { backupStateSchema } from "@/lib/backup/schemas";
import { BACKUP_STATE_KEY } from "@/lib/backup/state";
import { sealAuditChain } from "@/lib/audit/audit";
import { verifyAuditChain } from "@/lib/audit/verify";
import { toBusinessRate } from "@/lib/business/rates/rates";
import { readSetting, writeSetting } from "@/lib/business/settings/settings";
import { db } from "@/lib/db";
import { lastRetentionRun } from "./retention";

/**
 * The daily compliance self-check: retention ran recently, the audit log has no gaps,
 * the price and VAT settings are valid, backups are recent (when backups are set up).
 * The result is kept in the Setting "compliance.check" for the dashboard and metrics.
 */

export const COMPLIANCE_CHECK_KEY = "compliance.check";

const HOUR = 3_600_000;
export const RETENTION_MAX_AGE_MS = 26 * HOUR;
export const BACKUP_MAX_AGE_MS = 26 * HOUR;

export const checkNames = ["retention", "auditLog", "prices", "backup"] as const;
const checkStatus = z.enum(["ok", "failed", "skipped"]);

export const complianceResultSchema = z.object({
  at: z.string(),
  ok: z.boolean(),
  checks: z.array(z.object({ name: z.enum(checkNames), status: checkStatus, detail: z.string().nullable() })),
});
export type ComplianceResult = z.infer<typeof complianceResultSchema>;
type Check = ComplianceResult["checks"][number];

async function retentionCheck(now: Date): Promise<Check> {
  const run = await lastRetentionRun();
  if (!run) return { name: "retention", status: "failed", detail: "never" };
  const age = now.getTime() - Date.parse(run.at);
  return { name: "retention", status: age <= RETENTION_MAX_AGE_MS ? "ok" : "failed", detail: run.at };
}

const AUDIT_HEAD_KEY = "audit.head";
const auditHeadSchema = z.object({ id: z.number().int(), hash: z.string() }).nullable().catch(null);

/**
 * The audit log's hash chain is intact from its first row to its newest, and still holds
 * the newest row the previous check saw (rows cut off the end break no link).
 */
async function auditLogCheck(): Promise<Check> {
  await sealAuditChain();
  const verification = await verifyAuditChain(await readSetting(AUDIT_HEAD_KEY, auditHeadSchema));
  if (!verification.ok) {
    const broken = verification.broken;
    return { name: "auditLog", status: "failed", detail: broken ? `${broken.reason} ${broken.id}` : null };
  }
  await writeSetting(AUDIT_HEAD_KEY, verification.head);
  return { name: "auditLog", status: "ok", detail: verification.head ? null : "empty" };
}

async function pricesCheck(): Promise<Check> {
  const rows = await db.businessRate.findMany();
  const invalid = rows.filter((row) => {
    try {
      toBusinessRate(row);
      return false;
    } catch {
      return true;
    }
  });
  return { name: "prices", status: invalid.length === 0 ? "ok" : "failed", detail: invalid.length === 0 ? (rows.length === 0 ? "defaults" : null) : invalid.map((row) => row.id).join(",") };
}

async function backupCheck(now: Date): Promise<Check> {
  const row = await db.setting.findUnique({ where: { key: BACKUP_STATE_KEY } });
  if (!row) return { name: "backup", status: "skipped", detail: null };
  const state = await readSetting(BACKUP_STATE_KEY, backupStateSchema.nullable().catch(null));
  const at = state?.lastSuccess?.at;
  if (!at) return { name: "backup", status: "failed", detail: "never" };
  return { name: "backup", status: now.getTime() - Date.parse(at) <= BACKUP_MAX_AGE_MS ? "ok" : "failed", detail: at };
}

export async function runComplianceCheck(now = new Date()): Promise<ComplianceResult> {
  const checks = [await retentionCheck(now), await auditLogCheck(), await pricesCheck(), await backupCheck(now)];
  const result: ComplianceResult = { at: now.toISOString(), ok: checks.every((check) => check.status !== "failed"), checks };
  await writeSetting(COMPLIANCE_CHECK_KEY, result);
  return result;
}

export async function lastComplianceCheck(): Promise<ComplianceResult | null> {
  return readSetting(COMPLIANCE_CHECK_KEY, complianceResultSchema.nullable().catch(null));
}
