import { PageHeader } from "@/components/shell/page-header";
import { QuotesList } from "@/components/quotes/quotes-list";
import { Link } from "@/i18n/navigation";
import { openPage, pageTitle } from "@/lib/auth/page";
import { listQuotes } from "@/lib/business/quotes/store";

export const generateMetadata = pageTitle("quotes");

export default async function QuotesPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale, t } = await openPage(params, "quotes", { permission: "quotes:manage", returnTo: "/quotes" });
  const quotes = await listQuotes();
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <p className="mb-4">
        <Link href="/quotes/new" className="inline-block rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700" data-testid="quote-new">
          {t("new")}
        </Link>
      </p>
      <QuotesList quotes={quotes} locale={locale} />
    </>
  );
}
