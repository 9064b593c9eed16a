import { CloseMonthButton } from "@/components/business/close-month-button";
import { ReportChart } from "@/components/business/report-chart";
import { ReportTables } from "@/components/business/report-tables";
import { PageHeader } from "@/components/shell/page-header";
import { Link } from "@/i18n/navigation";
import { openPage, pageTitle } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { berlinMonthOf } from "@/lib/business/calendar";
import { isMonthClosed } from "@/lib/business/costing/month-close";
import { reportSummary } from "@/lib/business/reports/summary";
import { parseSelection, type PeriodKind } from "@/lib/business/reports/selection";
import { formatMonth } from "@/lib/format/period";
import type { SearchParams } from "@/lib/http/search-params";

export const generateMetadata = pageTitle("reports");

const periodKinds: readonly PeriodKind[] = ["month", "quarter", "year"];

export default async function ReportsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { locale, user, t } = await openPage(params, "reports", { permission: "business:read" });
  const selection = parseSelection(await searchParams);
  const summary = await reportSummary(selection.from, selection.to);
  const range = `from=${selection.from}&to=${selection.to}`;
  const current = berlinMonthOf(new Date());
  const monthIsOver = selection.kind === "month" && selection.year * 12 + selection.part < current.year * 12 + current.month;
  const closed = selection.kind === "month" ? await isMonthClosed({ year: selection.year, month: selection.part }) : false;
  const points = summary.byMonth.map((group) => ({ label: formatMonth(locale, group.key), netCents: group.netCents, vatCents: group.vatCents }));
  const exportLink = "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:border-brand-500 dark:border-slate-700";
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <form className="mb-6 flex flex-wrap items-end gap-3" data-testid="report-period" method="get">
        <label className="text-sm">
          <span className="block font-medium">{t("period")}</span>
          <select name="period" defaultValue={selection.kind} className="rounded-md border border-slate-300 px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900">
            {periodKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(kind)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium">{t("year")}</span>
          <input name="year" type="number" min={2000} max={2200} defaultValue={selection.year} className="w-24 rounded-md border border-slate-300 px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900" />
        </label>
        <label className="text-sm">
          <span className="block font-medium">
            {t("month")} / {t("quarter")}
          </span>
          <input name="part" type="number" min={1} max={12} defaultValue={selection.part || 1} className="w-20 rounded-md border border-slate-300 px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900" />
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">
          {t("show")}
        </button>
      </form>

      <section className="mb-6 flex flex-wrap items-center gap-2" aria-label={t("exports")} data-testid="report-exports">
        {can(user.role, "business:export") ? (
          <>
            <a className={exportLink} href={`/api/reports/jobs.csv?${range}&locale=de`} download data-testid="export-csv-de">
              {t("csvDe")}
            </a>
            <a className={exportLink} href={`/api/reports/jobs.csv?${range}&locale=en`} download data-testid="export-csv-en">
              {t("csvEn")}
            </a>
            <a className={exportLink} href={`/api/reports/datev.csv?${range}`} download data-testid="export-datev">
              {t("datev")}
            </a>
          </>
        ) : null}
        <Link className={exportLink} href={`/reports/print?period=${selection.kind}&year=${selection.year}&part=${selection.part}`} data-testid="export-print">
          {t("print")}
        </Link>
        {closed ? <span className="text-sm text-slate-600 dark:text-slate-400">{t("monthClosed")}</span> : null}
        {can(user.role, "months:close") && monthIsOver && !closed ? (
          <CloseMonthButton year={selection.year} month={selection.part} label={t("closeMonth")} />
        ) : null}
      </section>

      {summary.total.jobs === 0 ? (
        <p className="mb-6 text-sm text-slate-600 dark:text-slate-400" data-testid="report-empty">
          {t("empty")}
        </p>
      ) : (
        <div className="mb-6 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="mb-2 text-lg font-semibold">{t("chartTitle")}</h2>
          <ReportChart points={points} netLabel={t("net")} vatLabel={t("vat")} title={t("chartTitle")} />
        </div>
      )}
      <ReportTables summary={summary} locale={locale} />

      <nav className="mt-6 flex flex-wrap gap-4 text-sm" aria-label={t("title")}>
        {can(user.role, "settings:manage") ? (
          <Link href="/settings/business" className="underline">
            {t("settingsLink")}
          </Link>
        ) : null}
        {can(user.role, "audit:read") ? (
          <Link href="/settings/audit" className="underline">
            {t("auditLink")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
