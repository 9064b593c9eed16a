import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PrinterForm } from "@/components/printers/printer-form";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/page";
import { getPrinter } from "@/lib/printers/repository";

export async function generateMetadata() {
  const t = await getTranslations("printers");
  return { title: t("edit") };
}

export default async function EditPrinterPage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  await requirePageUser("printers:manage");
  const t = await getTranslations("printers");
  const printer = await getPrinter(id).catch(() => null);
  if (!printer) notFound();
  return (
    <>
      <PageHeader title={t("editTitle", { name: printer.name })} />
      <PrinterForm printer={printer} />
    </>
  );
}
