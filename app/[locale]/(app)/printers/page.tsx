import { PrinterManagementList } from "@/components/printers/printer-management-list";
import { Icon } from "@/components/shell/icons";
import { PageHeader } from "@/components/shell/page-header";
import { Link } from "@/i18n/navigation";
import { openPage, pageTitle } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { credentialKeyStatus, listPrinters } from "@/lib/printers/repository";

export const generateMetadata = pageTitle("printers");

export default async function Page({ params }: { params: Promise<{ locale: string }> }) {
  const { user, t } = await openPage(params, "printers", { permission: "printers:read" });
  const canManage = can(user.role, "printers:manage");
  const [printers, key] = await Promise.all([listPrinters(), canManage ? credentialKeyStatus() : null]);
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          canManage ? (
            <Link
              href="/printers/new"
              data-testid="add-printer"
              className="inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              <Icon name="plus" /> {t("add")}
            </Link>
          ) : null
        }
      />
      {key?.rotateRecommended ? (
        <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
          {t("rotateKey", { days: key.ageDays ?? 0 })}
        </p>
      ) : null}
      <PrinterManagementList printers={printers} />
    </>
  );
}
