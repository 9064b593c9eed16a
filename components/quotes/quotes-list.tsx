import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { formatCents } from "@/lib/business/money/money";
import type { QuoteView } from "@/lib/business/quotes/schemas";
import { berlinDay, formatDate } from "@/lib/format/date";

/** Saved quotes, newest first; on a phone only number, customer, gross and status. */
export async function QuotesList({ quotes, locale }: { quotes: QuoteView[]; locale: string }) {
  const t = await getTranslations("quotes");
  if (quotes.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="quotes-empty">{t("empty")}</p>;
  const today = berlinDay(new Date());
  const wide = "hidden px-2 py-2 md:table-cell";
  const cell = "px-2 py-2";
  return (
    <div className="rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-sm" data-testid="quotes-list">
        <thead className="text-left text-xs uppercase text-slate-500 dark:text-slate-400">
          <tr>
            <th scope="col" className={cell}>{t("list.number")}</th>
            <th scope="col" className={wide}>{t("list.date")}</th>
            <th scope="col" className={cell}>{t("list.customer")}</th>
            <th scope="col" className={wide}>{t("list.file")}</th>
            <th scope="col" className={`${wide} text-right`}>{t("list.copies")}</th>
            <th scope="col" className={`${cell} text-right`}>{t("list.gross")}</th>
            <th scope="col" className={wide}>{t("list.validUntil")}</th>
            <th scope="col" className={cell}>{t("list.status")}</th>
          </tr>
        </thead>
        <tbody>
          {quotes.map((quote) => {
            const status = quote.status === "open" && quote.validUntil < today ? "expired" : quote.status;
            return (
              <tr key={quote.id} className="border-t border-slate-100 dark:border-slate-800" data-testid={`quote-row-${quote.number}`}>
                <td className={cell}>
                  <Link href={`/quotes/${quote.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                    {quote.number}
                  </Link>
                </td>
                <td className={wide}>{formatDate(locale, quote.createdAt)}</td>
                <td className={`${cell} break-words`}>{quote.customer}</td>
                <td className={`${wide} break-all`}>{quote.fileName}</td>
                <td className={`${wide} text-right tabular-nums`}>{quote.copies}</td>
                <td className={`${cell} text-right tabular-nums`}>{formatCents(quote.total.grossCents, locale === "en" ? "en" : "de-DE")}</td>
                <td className={wide}>{formatDate(locale, `${quote.validUntil}T12:00:00Z`)}</td>
                <td className={cell}>{t(`status.${status}`)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
