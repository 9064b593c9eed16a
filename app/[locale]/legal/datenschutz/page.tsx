import { setRequestLocale } from "next-intl/server";
import { LegalPageView } from "@/components/legal/legal-page";
import { pageTitle } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

export const generateMetadata = pageTitle("legal", "datenschutz");

export default async function Page({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  return <LegalPageView page="datenschutz" locale={locale === "en" ? "en" : "de"} />;
}
