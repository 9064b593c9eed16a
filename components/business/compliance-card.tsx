import { getTranslations } from "next-intl/server";
import { lastComplianceCheck } from "@/lib/compliance/self-check";
import { formatDateTime } from "@/lib/format/date";

/**
 * The latest compliance self-check for the admin dashboard:
 * `import { ComplianceCard } from "@/components/business/compliance-card"` and render
 * `<ComplianceCard locale={locale} />` only for users with "audit:read". The page passes its
 * own locale, so the date is in the language the page is in.
 */
export async function ComplianceCard({ locale }: { locale: string }) {
  const t = await getTranslations({ locale, namespace: "business.compliance" });
  const result = await lastComplianceCheck();
  const tone = !result ? "border-slate-200" : result.ok ? "border-emerald-300" : "border-red-300";
  return (
    <section className={`rounded-xl border bg-white p-4 shadow-sm dark:bg-slate-900 ${tone}`} data-testid="compliance-card">
      <h2 className="font-semibold">{t("title")}</h2>
      <p className="text-sm" data-testid="compliance-status">
        {!result ? t("never") : result.ok ? t("ok") : t("failed")}
        {result ? <span className="ml-2 text-xs text-slate-500">{formatDateTime(locale, result.at)}</span> : null}
      </p>
      {result ? (
        <ul className="mt-2 space-y-0.5 text-sm">
          {result.checks.map((check) => (
            <li key={check.name} data-testid={`compliance-${check.name}`} className={check.status === "failed" ? "text-red-700 dark:text-red-300" : ""}>
              {t(`checks.${check.name}`)}: {t(`status.${check.status}`)}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
