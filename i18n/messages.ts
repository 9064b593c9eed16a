import type { Locale } from "./routing";

/**
 * Messages are split into one file per namespace (messages/<locale>/<namespace>.json) so
 * features own their strings; this list is the one place that names them all.
 */
export const namespaces = [
  "common",
  "nav",
  "auth",
  "dashboard",
  "errors",
  "settings",
  "printers",
  "printerErrors",
  "alerts",
  "alertsUi",
  "jobs",
  "files",
  "filesUpload",
  "reports",
  "business",
  "legal",
  "holidays",
  "vat",
  "backup",
  "forms",
  "auditLog",
  "notifications",
  "businessDetails",
  "quotes",
  "queue",
  "queueUi",
  "help",
] as const;

export type Messages = Record<string, unknown>;

export async function loadMessages(locale: Locale): Promise<Messages> {
  const entries = await Promise.all(
    namespaces.map(async (ns) => [ns, (await import(`../messages/${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(entries);
}
