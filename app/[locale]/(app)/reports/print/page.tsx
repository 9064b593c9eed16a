import { ReportTables } from "@/components/business/report-tables";
import { openPage, pageTitle } from "@/lib/auth/page";
import { reportSummary } from "@/lib/business/reports/summary";
import { parseSelection } from "@/lib/business/reports/selection";
import { formatDateTimeStyled } from "@/lib/format/date";
import { formatPeriod } from "@/lib/format/period";
import type { SearchParams } from "@/lib/http/search-params";

export const generateMetadata = pageTitle("reports", "print");

/** The app shell is hidden when printing; only the summary goes on paper. */
const printCss = `@media print {
  aside, header, footer, nav, .print-hidden { display: none !important; }
  main { padding: 0 !important; }
  body { background: white !important; color: black !important; }
  section { break-inside: avoid; }
}`;

export default async function ReportPrintPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { locale, t } = await openPage(params, "reports", { permission: "business:read" });
  const selection = parseSelection(await searchParams);
  const summary = await reportSummary(selection.from, selection.to);
  const created = formatDateTimeStyled(locale, new Date(), "long", "short");
  return (
    <article data-testid="report-print">
      <style>{printCss}</style>
      <h1 className="text-2xl font-semibold">{t("printTitle", { period: formatPeriod(locale, selection.from, selection.to) })}</h1>
      <p className="mb-6 text-sm text-slate-600">{t("printedAt", { date: created })}</p>
      <ReportTables summary={summary} locale={locale} />
    </article>
  );
}
