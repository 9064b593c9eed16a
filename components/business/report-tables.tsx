import { useTranslations } from "next-intl";
import type { ReportGroup, ReportSummary } from "@/lib/business/reports/summary";
import { formatNumber } from "@/lib/format/number";
import { formatMonth, formatPeriod } from "@/lib/format/period";
import { Money } from "./money";

const cell = "px-3 py-2 text-right tabular-nums";

/** One table of report groups (by month, printer, customer or use). */
export function GroupTable({ title, groups, locale, labelOf, testId }: { title: string; groups: ReportGroup[]; locale: string; labelOf?: (group: ReportGroup) => string; testId?: string }) {
  const t = useTranslations("reports");
  if (groups.length === 0) return null;
  return (
    <section className="mb-6 break-inside-avoid" data-testid={testId}>
      <h2 className="mb-2 text-lg font-semibold">{title}</h2>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2 text-left" />
              <th scope="col" className={cell}>{t("jobs")}</th>
              <th scope="col" className={cell}>{t("printHours")}</th>
              <th scope="col" className={cell}><abbr title={t("legend.outside")} className="no-underline">{t("outside")}</abbr></th>
              <th scope="col" className={cell}>{t("filamentKg")}</th>
              <th scope="col" className={cell}><abbr title={t("legend.energy")} className="no-underline">{t("energyKwh")}</abbr></th>
              <th scope="col" className={cell}>{t("labourHours")}</th>
              <th scope="col" className={cell}>{t("net")}</th>
              <th scope="col" className={cell}>{t("vat")}</th>
              <th scope="col" className={cell}>{t("gross")}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => (
              <tr key={group.key} className="border-t border-slate-100 dark:border-slate-800">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {labelOf ? labelOf(group) : group.label}
                </th>
                <td className={cell}>
                  {group.jobs}
                  {group.unpricedJobs > 0 ? <span className="ml-1 text-xs text-amber-700">({group.unpricedJobs} {t("unpriced")})</span> : null}
                </td>
                <td className={cell}>{formatNumber(locale, group.printHours, 3)}</td>
                <td className={cell}>{formatNumber(locale, group.outsideBusinessHours, 3)}</td>
                <td className={cell}>{formatNumber(locale, group.filamentKg, 3)}</td>
                <td className={cell}>{formatNumber(locale, group.energyKwh, 3)}</td>
                <td className={cell}>{formatNumber(locale, group.labourHours, 3)}</td>
                <td className={cell}><Money cents={group.netCents} locale={locale} /></td>
                <td className={cell}><Money cents={group.vatCents} locale={locale} /></td>
                <td className={cell}><Money cents={group.grossCents} locale={locale} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The summary's tables in a fixed order. */
export function ReportTables({ summary, locale }: { summary: ReportSummary; locale: string }) {
  const t = useTranslations("reports");
  const tv = useTranslations("vat");
  return (
    <>
      <GroupTable title={t("period")} groups={[summary.total]} locale={locale} labelOf={() => formatPeriod(locale, summary.from, summary.to)} testId="report-total" />
      <section className="mb-6 break-inside-avoid" data-testid="report-vat">
        <h2 className="mb-2 text-lg font-semibold">{t("vatGroups")}</h2>
        <table className="min-w-full rounded-xl border border-slate-200 bg-white text-sm dark:border-slate-800 dark:bg-slate-900">
          <thead className="bg-slate-50 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2 text-left">{t("treatment")}</th>
              <th scope="col" className={cell}>{t("rate")}</th>
              <th scope="col" className={cell}>{t("jobs")}</th>
              <th scope="col" className={cell}>{t("net")}</th>
              <th scope="col" className={cell}>{t("vat")}</th>
              <th scope="col" className={cell}>{t("gross")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.vat.groups.map((group) => (
              <tr key={`${group.treatment}-${group.vatRateBp}`} className="border-t border-slate-100 dark:border-slate-800">
                <th scope="row" className="px-3 py-2 text-left font-medium">{tv(`treatment.${group.treatment}`)}</th>
                <td className={cell}>{formatNumber(locale, group.vatRateBp / 100, 3)} %</td>
                <td className={cell}>{group.jobCount}</td>
                <td className={cell}><Money cents={group.netCents} locale={locale} /></td>
                <td className={cell}><Money cents={group.vatCents} locale={locale} /></td>
                <td className={cell}><Money cents={group.grossCents} locale={locale} /></td>
              </tr>
            ))}
            {summary.corrections.count > 0 ? (
              <tr className="border-t border-slate-100 dark:border-slate-800">
                <th scope="row" className="px-3 py-2 text-left font-medium">{t("corrections")}</th>
                <td className={cell} />
                <td className={cell}>{summary.corrections.count}</td>
                <td className={cell}><Money cents={summary.corrections.netCents} locale={locale} /></td>
                <td className={cell}><Money cents={summary.corrections.vatCents} locale={locale} /></td>
                <td className={cell}><Money cents={summary.corrections.grossCents} locale={locale} /></td>
              </tr>
            ) : null}
          </tbody>
        </table>
        {summary.vat.groups.some((group) => group.treatment === "kleinunternehmer") ? <p className="mt-2 text-xs">{tv("kleinunternehmerNote")}</p> : null}
      </section>
      <section className="mb-6 text-xs text-slate-600 dark:text-slate-400" data-testid="report-legend">
        <h2 className="mb-1 text-sm font-semibold">{t("legend.title")}</h2>
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
          {(["outside", "energy", "unpriced", "treatment", "corrections"] as const).map((key) => (
            <div key={key} className="contents">
              <dt className="font-medium">{t(`legend.${key}Term`)}</dt>
              <dd>{t(`legend.${key}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <GroupTable title={t("byMonth")} groups={summary.byMonth} locale={locale} labelOf={(group) => formatMonth(locale, group.key)} testId="report-by-month" />
      <GroupTable title={t("byPrinter")} groups={summary.byPrinter} locale={locale} testId="report-by-printer" />
      <GroupTable title={t("byCustomer")} groups={summary.byCustomer} locale={locale} labelOf={(group) => group.label || t("noCustomer")} testId="report-by-customer" />
      <GroupTable title={t("byUse")} groups={summary.byUse} locale={locale} labelOf={(group) => t(group.key === "private" ? "private" : "business")} testId="report-by-use" />
    </>
  );
}
