import { formatBytes } from "@/lib/format/bytes";
import { formatDate, formatDateTime } from "@/lib/format/date";
import { formatNumber } from "@/lib/format/number";

/** The "auditLog" messages' translator, as next-intl's getTranslations and createTranslator give it. */
export interface AuditTranslator {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

export interface AuditRowForText {
  actorType: string;
  actorName: string | null;
  action: string;
  target: string | null;
  details: string | null;
}

export interface AuditDetailItem {
  label: string;
  value: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Detail keys that hold a byte count. */
const BYTE_KEYS = new Set(["size", "sizeBytes"]);

/** The action in words; a code without a message (written by a newer version) stays as it is. */
export function auditActionText(t: AuditTranslator, action: string): string {
  return t.has(`actions.${action}`) ? t(`actions.${action}`) : action;
}

/** Who acted: a person by name, the worker as the background service, or the system. */
export function auditActorText(t: AuditTranslator, row: Pick<AuditRowForText, "actorType" | "actorName">): string {
  if (row.actorType === "worker") return t("actors.worker");
  if (row.actorType === "system") return t("actors.system");
  if (!row.actorName) return t("actors.unknown");
  return row.actorType === "token" ? t("actors.token", { name: row.actorName }) : row.actorName;
}

/** The target by the name of the record it names, or as written (a month, a report, a backup file). */
export function auditTargetText(row: { target: string | null; targetName: string | null }): string {
  return row.targetName ?? row.target ?? "";
}

function valueText(t: AuditTranslator, locale: string, value: unknown): string {
  if (value === null || value === undefined) return t("none");
  if (typeof value === "boolean") return value ? t("yes") : t("no");
  if (typeof value === "number") return formatNumber(locale, value, 2);
  if (Array.isArray(value)) return value.map((item) => valueText(t, locale, item)).join(", ");
  if (typeof value === "string") {
    if (ISO_DATE.test(value)) return formatDate(locale, value);
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(locale, value);
    return value;
  }
  return JSON.stringify(value);
}

/** The details as labelled values; anything that is not a JSON object is one "value". */
export function auditDetailItems(t: AuditTranslator, locale: string, details: string | null): AuditDetailItem[] {
  if (!details) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(details);
  } catch {
    return [{ label: t("details.value"), value: details }];
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return [{ label: t("details.value"), value: valueText(t, locale, parsed) }];
  return Object.entries(parsed).map(([key, value]) => ({
    label: t.has(`details.${key}`) ? t(`details.${key}`) : key,
    value: BYTE_KEYS.has(key) && typeof value === "number" ? formatBytes(locale, value) : valueText(t, locale, value),
  }));
}
