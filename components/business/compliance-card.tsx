import { getLocale, getTranslations } from "next-intl/server";
import { lastComplianceCheck } from "@/lib/compliance/self-check";
import { formatDateTimeStyled } from "@/lib/format/date";

/**
 * The latest compliance self-check for the admin dashboard:
 * `import { ComplianceCard } from "@/components/business/compliance-card"` and render
 * `<ComplianceCard />` only for users with "audit:read".
 */
export async function ComplianceCard() {
  const t = await getTranslations("business.compliance");
  const locale = await getLocale();
  const result = await lastComplianceCheck();
  const tone = !result ? "border-slate-200" : result.ok ? "border-emerald-300" : "border-red-300";
  return (
    <section className={`rounded-xl border bg-white p-4 shadow-sm dark:bg-slate-900 ${tone}`} data-testid="compliance-card">
      <h2 className="font-semibold">{t("title")}</h2>
      <p className="text-sm" data-testid="compliance-status">
        {!result ? t("never") : result.ok ? t("ok") : t("failed")}
        {result ? <span className="ml-2 text-xs text-slate-500">{formatDateTimeStyled(locale, result.at, "short", "medium")}</span> : null}
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
