import { getTranslations } from "next-intl/server";
import { formatIban } from "@/lib/business/profile/identifiers";
import type { BusinessProfile } from "@/lib/business/profile/schemas";
import type { QuoteView } from "@/lib/business/quotes/schemas";
import { formatDate } from "@/lib/format/date";
import { formatDuration } from "@/lib/format/duration";
import { QuoteLines } from "./quote-lines";

const day = (iso: string) => `${iso}T12:00:00Z`;

/**
 * A saved quote as the customer reads it, in the quote's own language: the shop's
 * letterhead from the business details, the customer, the lines of one copy, the totals
 * for all copies, the § 19 UStG note where it applies, and the shop's tax and bank
 * details in the footer.
 */
export async function QuoteDocument({ quote, profile }: { quote: QuoteView; profile: BusinessProfile }) {
  const locale = quote.locale;
  const t = await getTranslations({ locale, namespace: "quotes" });
  const hasDetails = profile.name !== "" && profile.street !== "" && profile.city !== "";
  const meta: [string, string, string][] = [
    [t("doc.number"), quote.number, "quote-number"],
    [t("doc.date"), formatDate(locale, quote.createdAt), "quote-date"],
    [t("doc.validUntil"), formatDate(locale, day(quote.validUntil)), "quote-valid-until"],
    ...(quote.orderReference ? ([[t("doc.orderReference"), quote.orderReference, "quote-order"]] as [string, string, string][]) : []),
  ];
  return (
    <article lang={locale} className="mx-auto max-w-3xl space-y-6 rounded-xl border border-slate-200 bg-white p-6 text-slate-900 shadow-sm dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100 print:border-0 print:p-0 print:shadow-none" data-testid="quote-document">
      <header className="flex flex-wrap justify-between gap-4">
        <div className="text-sm" data-testid="quote-letterhead">
          {hasDetails ? (
            <>
              <p className="text-lg font-semibold">{profile.name}</p>
              {profile.owner ? <p>{profile.owner}</p> : null}
              <p>{profile.street}</p>
              <p>
                {profile.postcode} {profile.city}
              </p>
              {profile.phone ? <p>{t("doc.phone")}: {profile.phone}</p> : null}
              {profile.email ? <p>{t("doc.email")}: {profile.email}</p> : null}
              {profile.web ? <p>{profile.web}</p> : null}
            </>
          ) : (
            <p className="text-amber-800 dark:text-amber-300">{t("doc.missingDetails")}</p>
          )}
        </div>
        <dl className="grid grid-cols-[auto_auto] gap-x-3 text-sm">
          {meta.map(([label, value, id]) => (
            <div key={id} className="contents">
              <dt className="text-slate-600 dark:text-slate-300 print:text-black">{label}</dt>
              <dd className="text-right font-medium" data-testid={id}>{value}</dd>
            </div>
          ))}
        </dl>
      </header>
      <div>
        <p className="text-sm text-slate-600 dark:text-slate-300 print:text-black">{t("doc.customer")}</p>
        <p className="font-medium" data-testid="quote-customer">{quote.customer}</p>
      </div>
      <h1 className="text-2xl font-semibold">
        {t("doc.title")} {quote.number}
      </h1>
      {quote.status === "cancelled" && quote.cancelledAt ? (
        <p className="font-semibold text-red-700 dark:text-red-300" data-testid="quote-cancelled">{t("doc.cancelled", { date: formatDate(locale, quote.cancelledAt) })}</p>
      ) : null}
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-600 dark:text-slate-300 print:text-black">{t("doc.file")}</dt>
        <dd className="break-all">{quote.fileName}{quote.plate ? ` · ${t("doc.plate")} ${quote.plate}` : ""}</dd>
        <dt className="text-slate-600 dark:text-slate-300 print:text-black">{t("doc.copies")}</dt>
        <dd data-testid="quote-copies">{quote.copies}</dd>
        <dt className="text-slate-600 dark:text-slate-300 print:text-black">{t("doc.printTime")}</dt>
        <dd>{formatDuration(locale, quote.printSeconds)}</dd>
      </dl>
      <QuoteLines quote={quote} t={t} locale={locale} />
      {quote.note ? (
        <p className="whitespace-pre-line text-sm">
          <span className="font-medium">{t("doc.note")}:</span> {quote.note}
        </p>
      ) : null}
      <p className="text-xs text-slate-600 dark:text-slate-300 print:text-black">{t("doc.estimate")}</p>
      <footer className="grid gap-2 border-t border-slate-200 pt-3 text-xs sm:grid-cols-2 dark:border-slate-700" data-testid="quote-footer">
        <div>
          {profile.vatId ? <p>{t("doc.vatId")}: {profile.vatId}</p> : null}
          {profile.taxNumber ? <p>{t("doc.taxNumber")}: {profile.taxNumber}</p> : null}
        </div>
        {profile.iban ? (
          <div>
            <p className="font-medium">{t("doc.bank")}</p>
            {profile.bankHolder ? <p>{profile.bankHolder}</p> : null}
            <p>{t("doc.iban")}: {formatIban(profile.iban)}</p>
            {profile.bic ? <p>{t("doc.bic")}: {profile.bic}</p> : null}
          </div>
        ) : null}
      </footer>
    </article>
  );
}
