import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { AuditEntryView } from "@/lib/compliance/audit-log";
import { auditActionText, auditActorText, auditDetailItems, auditTargetText, type AuditTranslator } from "@/lib/compliance/audit-text";
import { formatDateTime } from "@/lib/format/date";

/** The audit trail in words: who did what to which record, when, with labelled details. */
export async function AuditTable({ entries, locale }: { entries: AuditEntryView[]; locale: string }) {
  const t = (await getTranslations({ locale, namespace: "auditLog" })) as unknown as AuditTranslator;
  if (entries.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">{t("empty")}</p>;
  const targetOf = (entry: AuditEntryView) =>
    entry.targetHref ? (
      <Link href={entry.targetHref} className="text-brand-700 hover:underline dark:text-brand-100">
        {auditTargetText(entry)}
      </Link>
    ) : (
      <span className="break-all">{auditTargetText(entry)}</span>
    );
  const detailsOf = (entry: AuditEntryView) => {
    const details = auditDetailItems(t, locale, entry.details);
    return details.length > 0 ? (
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {details.map((item) => (
          <div key={item.label} className="contents">
            <dt className="text-slate-600 dark:text-slate-400">{item.label}</dt>
            <dd className="break-words">{item.value}</dd>
          </div>
        ))}
      </dl>
    ) : null;
  };
  return (
    <>
      {/* A phone gets one card per entry; the table needs more width than it has. */}
      <ul className="space-y-3 sm:hidden" data-testid="audit-cards">
        {entries.map((entry) => (
          <li key={entry.id} className="rounded-xl border border-slate-200 bg-white p-3 text-sm dark:border-slate-800 dark:bg-slate-900" data-action={entry.action}>
            <p className="font-medium">{auditActionText(t, entry.action)}</p>
            <p className="text-slate-600 dark:text-slate-400">
              {formatDateTime(locale, entry.createdAt)} · {auditActorText(t, entry)}
            </p>
            {entry.target ? <p className="mt-1">{targetOf(entry)}</p> : null}
            <div className="mt-1">{detailsOf(entry)}</div>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto rounded-xl border border-slate-200 bg-white sm:block dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-sm" data-testid="audit-table">
        <thead className="bg-slate-50 text-xs uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-400">
          <tr>
            {(["time", "actor", "action", "target", "details"] as const).map((column) => (
              <th key={column} scope="col" className="px-3 py-2 text-left">
                {t(`columns.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className="border-t border-slate-100 align-top dark:border-slate-800" data-testid="audit-row" data-action={entry.action}>
              <td className="whitespace-nowrap px-3 py-2">{formatDateTime(locale, entry.createdAt)}</td>
              <td className="px-3 py-2">{auditActorText(t, entry)}</td>
              <td className="px-3 py-2" data-testid="audit-action">
                {auditActionText(t, entry.action)}
              </td>
              <td className="px-3 py-2">{targetOf(entry)}</td>
              <td className="px-3 py-2" data-testid="audit-details">
                {detailsOf(entry)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </>
  );
}
