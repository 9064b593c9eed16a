import { getTranslations } from "next-intl/server";
import { ComplianceCard } from "@/components/business/compliance-card";
import { RetentionForm } from "@/components/business/retention-form";
import { RunComplianceButton } from "@/components/business/run-compliance-button";
import { BackToSettings } from "@/components/settings/back-link";
import { Section } from "@/components/settings/section";
import { PageHeader } from "@/components/shell/page-header";
import { Link } from "@/i18n/navigation";
import { openPage, pageTitle } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { auditQuerySchema, listAudit } from "@/lib/compliance/audit-log";
import { readRetentionSettings } from "@/lib/compliance/retention-settings";
import { formatDateTimeStyled } from "@/lib/format/date";
import { searchParam, type SearchParams } from "@/lib/http/search-params";

export const generateMetadata = pageTitle("business.audit");

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { locale, user, t } = await openPage(params, "business.audit", { permission: "audit:read" });
  const tc = await getTranslations("business.compliance");
  const raw = await searchParams;
  const given = (name: string) => searchParam(raw, name) || undefined;
  const parsed = auditQuerySchema.safeParse({ action: given("action"), actorId: given("actorId"), from: given("from"), to: given("to"), page: given("page") });
  const query = parsed.success ? parsed.data : auditQuerySchema.parse({});
  const list = await listAudit(query);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const filter = new URLSearchParams(Object.entries({ action: query.action, actorId: query.actorId, from: query.from, to: query.to }).flatMap(([key, value]) => (value ? [[key, value]] : [])));
  const pageHref = (page: number) => `/settings/audit?${new URLSearchParams([...filter, ["page", String(page)]]).toString()}`;
  const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";
  return (
    <>
      <BackToSettings />
      <PageHeader title={t("title")} description={t("description")} />
      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        <div className="space-y-2">
          <ComplianceCard />
          <RunComplianceButton label={tc("runNow")} />
        </div>
        {can(user.role, "settings:manage") ? (
          <Section title={t("retention")} testId="retention-section">
            <RetentionForm settings={await readRetentionSettings()} />
          </Section>
        ) : null}
      </div>
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" data-testid="audit-filter">
        <label className="text-sm"><span className="block font-medium">{t("action")}</span><input name="action" defaultValue={query.action} className={input} /></label>
        <label className="text-sm"><span className="block font-medium">{t("actor")}</span><input name="actorId" defaultValue={query.actorId} className={input} /></label>
        <label className="text-sm"><span className="block font-medium">{t("time")} ≥</span><input name="from" type="date" defaultValue={query.from} className={input} /></label>
        <label className="text-sm"><span className="block font-medium">{t("time")} &lt;</span><input name="to" type="date" defaultValue={query.to} className={input} /></label>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">{t("filter")}</button>
        <a href={`/api/audit/export.csv?${new URLSearchParams([...filter, ["locale", locale === "en" ? "en" : "de"]]).toString()}`} download className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700" data-testid="audit-export">
          {t("export")}
        </a>
      </form>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="min-w-full text-sm" data-testid="audit-table">
          <thead className="bg-slate-50 text-xs uppercase text-slate-500 dark:bg-slate-800 dark:text-slate-400">
            <tr><th className="px-3 py-2 text-left">#</th><th className="px-3 py-2 text-left">{t("time")}</th><th className="px-3 py-2 text-left">{t("actor")}</th><th className="px-3 py-2 text-left">{t("action")}</th><th className="px-3 py-2 text-left">{t("target")}</th><th className="px-3 py-2 text-left">{t("details")}</th></tr>
          </thead>
          <tbody>
            {list.entries.map((entry) => (
              <tr key={entry.id} className="border-t border-slate-100 align-top dark:border-slate-800">
                <td className="px-3 py-2 tabular-nums">{entry.id}</td>
                <td className="px-3 py-2 whitespace-nowrap">{formatDateTimeStyled(locale, entry.createdAt, "short", "medium")}</td>
                <td className="px-3 py-2">{entry.actorName ?? entry.actorType}</td>
                <td className="px-3 py-2 font-mono text-xs">{entry.action}</td>
                <td className="px-3 py-2 font-mono text-xs">{entry.target ?? ""}</td>
                <td className="max-w-md break-all px-3 py-2 font-mono text-xs">{entry.details ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="mt-4 flex items-center gap-4 text-sm" aria-label={t("page", { page: list.page, pages })}>
        {list.page > 1 ? <Link href={pageHref(list.page - 1)}>{t("previous")}</Link> : null}
        <span>{t("page", { page: list.page, pages })}</span>
        {list.page < pages ? <Link href={pageHref(list.page + 1)}>{t("next")}</Link> : null}
      </nav>
    </>
  );
}
