import { PrinterForm } from "@/components/printers/printer-form";
import { PageHeader } from "@/components/shell/page-header";
import { openPage, pageTitle } from "@/lib/auth/page";

export const generateMetadata = pageTitle("printers", "add");

export default async function NewPrinterPage({ params }: { params: Promise<{ locale: string }> }) {
  const { t } = await openPage(params, "printers", { permission: "printers:manage" });
  return (
    <>
      <PageHeader title={t("add")} description={t("addDescription")} />
      <PrinterForm />
    </>
  );
}
