import { formatCents } from "@/lib/business/money/money";
import type { QuoteComputation } from "@/lib/business/quotes/schemas";
import { formatNumber } from "@/lib/format/number";

type Translate = (key: string, values?: Record<string, string | number>) => string;

const money = (cents: number, locale: string) => formatCents(cents, locale === "en" ? "en" : "de-DE");

/**
 * A quote's cost lines for one copy and its totals for all copies, in the language the
 * caller's translator speaks (the page's in the form, the quote's own on paper).
 */
export function QuoteLines({ quote, t, locale }: { quote: QuoteComputation; t: Translate; locale: string }) {
  const cell = "px-2 py-1 text-right tabular-nums";
  const unitPrice = (line: QuoteComputation["lines"][number]) =>
    line.unit === "%" ? `${formatNumber(locale, Number(line.quantity), 2)} %` : `${money(Math.round(Number(line.unitPriceCents) * (line.unit === "g" ? 1000 : 1)), locale)} / ${line.unit === "g" ? "kg" : line.unit}`;
  return (
    <table className="min-w-full text-sm" data-testid="quote-lines">
      <thead className="text-xs uppercase text-slate-500 dark:text-slate-400 print:text-black">
        <tr>
          <th scope="col" className="px-2 py-1 text-left">{t("doc.position")}</th>
          <th scope="col" className={cell}>{t("doc.quantity")}</th>
          <th scope="col" className={`${cell} hidden sm:table-cell print:table-cell`}>{t("doc.unitPrice")}</th>
          <th scope="col" className={cell}>{t("doc.amount")}</th>
        </tr>
      </thead>
      <tbody>
        {quote.lines.map((line, index) => (
          <tr key={`${line.kind}-${index}`} className="border-t border-slate-100 dark:border-slate-800">
            <th scope="row" className="px-2 py-1 text-left font-normal">
              {t(`doc.kinds.${line.kind}`)}
              {line.label ? <span className="text-slate-600 dark:text-slate-300 print:text-black"> · {line.label}</span> : null}
            </th>
            <td className={cell}>
              {line.unit === "%" ? "" : `${formatNumber(locale, Number(line.quantity), line.unit === "g" ? 1 : 2)} ${line.unit}`}
            </td>
            <td className={`${cell} hidden sm:table-cell print:table-cell`}>{unitPrice(line)}</td>
            <td className={cell}>{money(line.netCents, locale)}</td>
          </tr>
        ))}
        <tr className="border-t border-slate-300 dark:border-slate-700">
          <th scope="row" className="px-2 py-1 text-left">{t("doc.perCopy")}</th>
          <td className="hidden sm:table-cell print:table-cell" />
          <td />
          <td className={cell} data-testid="quote-unit-net">{money(quote.unit.netCents, locale)}</td>
        </tr>
        <tr>
          <th scope="row" className="px-2 py-1 text-left font-normal">{t("doc.copies")}</th>
          <td className="hidden sm:table-cell print:table-cell" />
          <td />
          <td className={cell}>{t("doc.copiesLine", { copies: quote.copies, unit: money(quote.unit.netCents, locale) })}</td>
        </tr>
        <tr className="border-t border-slate-300 font-medium dark:border-slate-700">
          <th scope="row" className="px-2 py-1 text-left">{t("doc.net")}</th>
          <td className="hidden sm:table-cell print:table-cell" />
          <td />
          <td className={cell} data-testid="quote-net">{money(quote.total.netCents, locale)}</td>
        </tr>
        {quote.treatment === "vat" ? (
          <tr>
            <th scope="row" className="px-2 py-1 text-left font-normal">{t("doc.vat", { rate: formatNumber(locale, quote.vatRateBp / 100, 0) })}</th>
            <td className="hidden sm:table-cell print:table-cell" />
            <td />
            <td className={cell} data-testid="quote-vat">{money(quote.total.vatCents, locale)}</td>
          </tr>
        ) : null}
        <tr className="text-base font-semibold">
          <th scope="row" className="px-2 py-1 text-left">{t("doc.gross")}</th>
          <td className="hidden sm:table-cell print:table-cell" />
          <td />
          <td className={cell} data-testid="quote-gross">{money(quote.total.grossCents, locale)}</td>
        </tr>
      </tbody>
      {quote.treatment === "kleinunternehmer" ? (
        <caption className="caption-bottom pt-2 text-left text-xs" data-testid="quote-kleinunternehmer">
          {t("doc.kleinunternehmer")}
        </caption>
      ) : null}
    </table>
  );
}
