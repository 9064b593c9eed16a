import { getTranslations } from "next-intl/server";
import { AuditTable } from "@/components/compliance/audit-table";
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
import { DateInput } from "@/components/forms/date-input";
import { auditActionText, type AuditTranslator } from "@/lib/compliance/audit-text";
import { readRetentionSettings } from "@/lib/compliance/retention-settings";
import { db } from "@/lib/db";
import { searchParam, type SearchParams } from "@/lib/http/search-params";
import deActions from "@/messages/de/auditLog.json";

export const generateMetadata = pageTitle("business.audit");

/** Every action code with a message, for the filter (both languages list the same codes). */
const actionCodes = Object.entries(deActions.actions).flatMap(([area, actions]) => Object.keys(actions).map((name) => `${area}.${name}`));

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { locale, user, t } = await openPage(params, "business.audit", { permission: "audit:read" });
  const tc = await getTranslations("business.compliance");
  const tl = (await getTranslations("auditLog")) as unknown as AuditTranslator;
  const raw = await searchParams;
  const given = (name: string) => searchParam(raw, name) || undefined;
  const parsed = auditQuerySchema.safeParse({ action: given("action"), actorId: given("actorId"), from: given("from"), to: given("to"), page: given("page") });
  const query = parsed.success ? parsed.data : auditQuerySchema.parse({});
  const [list, users] = await Promise.all([listAudit(query), db.user.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } })]);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const filter = new URLSearchParams(Object.entries({ action: query.action, actorId: query.actorId, from: query.from, to: query.to }).flatMap(([key, value]) => (value ? [[key, value]] : [])));
  const pageHref = (page: number) => `/settings/audit?${new URLSearchParams([...filter, ["page", String(page)]]).toString()}`;
  const input = "rounded-md border border-slate-300 px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";
  const actions = actionCodes.map((code) => ({ code, label: auditActionText(tl, code) })).sort((a, b) => a.label.localeCompare(b.label, locale));
  return (
    <>
      <BackToSettings />
      <PageHeader title={t("title")} description={t("description")} />
      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        <div className="space-y-2">
          <ComplianceCard locale={locale} />
          <RunComplianceButton label={tc("runNow")} />
        </div>
        {can(user.role, "settings:manage") ? (
          <Section title={t("retention")} testId="retention-section">
            <RetentionForm settings={await readRetentionSettings()} />
          </Section>
        ) : null}
      </div>
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" data-testid="audit-filter">
        <label className="text-sm">
          <span className="block font-medium">{tl("filter.action")}</span>
          <select name="action" defaultValue={query.action ?? ""} className={input} data-testid="audit-filter-action">
            <option value="">{tl("filter.allActions")}</option>
            {actions.map((action) => (
              <option key={action.code} value={action.code}>
                {action.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">{tl("filter.actor")}</span>
          <select name="actorId" defaultValue={query.actorId ?? ""} className={input} data-testid="audit-filter-actor">
            <option value="">{tl("filter.allActors")}</option>
            {users.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </label>
        <DateInput compact label={tl("filter.from")} name="from" defaultValue={query.from} className="w-36" testId="audit-filter-from" />
        <DateInput compact label={tl("filter.to")} name="to" defaultValue={query.to} className="w-36" testId="audit-filter-to" />
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">{tl("filter.apply")}</button>
        {filter.size > 0 ? (
          <Link href="/settings/audit" className="px-1 py-1.5 text-sm text-brand-700 hover:underline dark:text-brand-100">
            {tl("filter.reset")}
          </Link>
        ) : null}
        <a href={`/api/audit/export.csv?${new URLSearchParams([...filter, ["locale", locale === "en" ? "en" : "de"]]).toString()}`} download className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700" data-testid="audit-export">
          {t("export")}
        </a>
      </form>
      <AuditTable entries={list.entries} locale={locale} />
      <nav className="mt-4 flex items-center gap-4 text-sm" aria-label={t("page", { page: list.page, pages })}>
        {list.page > 1 ? <Link href={pageHref(list.page - 1)}>{t("previous")}</Link> : null}
        <span>{t("page", { page: list.page, pages })}</span>
        {list.page < pages ? <Link href={pageHref(list.page + 1)}>{t("next")}</Link> : null}
      </nav>
    </>
  );
}
