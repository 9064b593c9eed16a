import { getTranslations, setRequestLocale } from "next-intl/server";
import { PrinterForm } from "@/components/printers/printer-form";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/page";

export async function generateMetadata() {
  const t = await getTranslations("printers");
  return { title: t("add") };
}

export default async function NewPrinterPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requirePageUser("printers:manage");
  const t = await getTranslations("printers");
  return (
    <>
      <PageHeader title={t("add")} description={t("addDescription")} />
      <PrinterForm />
    </>
  );
}
