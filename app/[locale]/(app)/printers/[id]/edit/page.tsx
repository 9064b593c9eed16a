import { notFound } from "next/navigation";
import { PrinterForm } from "@/components/printers/printer-form";
import { PageHeader } from "@/components/shell/page-header";
import { openPage, pageTitle } from "@/lib/auth/page";
import { getPrinter } from "@/lib/printers/repository";

export const generateMetadata = pageTitle("printers", "edit");

export default async function EditPrinterPage({ params }: { params: Promise<{ locale: string; id: string }> }) {
  const { id } = await params;
  const { t } = await openPage(params, "printers", { permission: "printers:manage" });
  const printer = await getPrinter(id).catch(() => null);
  if (!printer) notFound();
  return (
    <>
      <PageHeader title={t("editTitle", { name: printer.name })} />
      <PrinterForm printer={printer} />
    </>
  );
}
