import { notFound } from "next/navigation";
import { QuoteActions } from "@/components/quotes/quote-actions";
import { QuoteDocument } from "@/components/quotes/quote-document";
import { Link } from "@/i18n/navigation";
import { openPage, pageTitle } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { readBusinessProfile } from "@/lib/business/profile/profile";
import { findQuote } from "@/lib/business/quotes/store";

export const generateMetadata = pageTitle("quotes", "doc.title");

export default async function QuotePage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  const { id } = await params;
  const { user, t } = await openPage(params, "quotes", { permission: "quotes:manage", returnTo: `/quotes/${id}` });
  const quote = await findQuote(id);
  if (!quote) notFound();
  const profile = await readBusinessProfile();
  return (
    <>
      <p className="mb-3 text-sm print:hidden">
        <Link href="/quotes" className="text-brand-700 hover:underline dark:text-brand-100">
          ← {t("actions.back")}
        </Link>
      </p>
      <QuoteActions quote={quote} mayQueue={can(user.role, "queue:manage")} />
      <QuoteDocument quote={quote} profile={profile} />
    </>
  );
}
