import { getTranslations, setRequestLocale } from "next-intl/server";
import { LegalPageView } from "@/components/legal/legal-page";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "legal" });
  return { title: t("datenschutz") };
}

export default async function Page({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  return <LegalPageView page="datenschutz" locale={locale === "en" ? "en" : "de"} />;
}
