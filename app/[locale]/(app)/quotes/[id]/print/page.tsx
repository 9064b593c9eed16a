import { notFound } from "next/navigation";
import { PrintButton } from "@/components/quotes/print-button";
import { QuoteDocument } from "@/components/quotes/quote-document";
import { openPage, pageTitle } from "@/lib/auth/page";
import { readBusinessProfile } from "@/lib/business/profile/profile";
import { findQuote } from "@/lib/business/quotes/store";

export const generateMetadata = pageTitle("quotes", "doc.title");

/** The app shell is hidden when printing; only the quote goes on paper. */
const printCss = `@media print {
  aside, header:not(article header), footer:not(article footer), nav, .print-hidden { display: none !important; }
  main { padding: 0 !important; }
  body { background: white !important; color: black !important; }
}`;

export default async function QuotePrintPage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  const { id } = await params;
  await openPage(params, "quotes", { permission: "quotes:manage", returnTo: `/quotes/${id}/print` });
  const quote = await findQuote(id);
  if (!quote) notFound();
  return (
    <div data-testid="quote-print">
      <style>{printCss}</style>
      <p className="print-hidden mb-4">
        <PrintButton />
      </p>
      <QuoteDocument quote={quote} profile={await readBusinessProfile()} />
    </div>
  );
}
