import { getTranslations, setRequestLocale } from "next-intl/server";
import { ComingSoon } from "@/components/shell/coming-soon";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/page";

export async function generateMetadata() {
  const t = await getTranslations("printers");
  return { title: t("title") };
}

export default async function Page({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requirePageUser("printers:read");
  const t = await getTranslations("printers");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ComingSoon title={t("soonTitle")} body={t("soonBody")} />
    </>
  );
}
