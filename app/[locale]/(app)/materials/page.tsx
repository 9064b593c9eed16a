import { MaterialsManager } from "@/components/business/materials-manager";
import { PageHeader } from "@/components/shell/page-header";
import { openPage, pageTitle } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { listMaterials, listSpools } from "@/lib/business/inventory/inventory";
import { materialForViewer, spoolForViewer } from "@/lib/business/inventory/price-visibility";
import { readBusinessSettings } from "@/lib/business/settings/settings";
import { db } from "@/lib/db";

export const generateMetadata = pageTitle("business.materials");

export default async function MaterialsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { user, t } = await openPage(params, "business.materials", { permission: "materials:read" });
  const { lowStockGrams } = await readBusinessSettings();
  const [materials, spools, printers] = await Promise.all([
    listMaterials(),
    listSpools(lowStockGrams),
    db.printer.findMany({ where: { deletedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const seesPrices = can(user.role, "business:read");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <MaterialsManager
        materials={materials.map((material) => materialForViewer(material, seesPrices))}
        spools={spools.map((spool) => spoolForViewer(spool, seesPrices))} printers={printers} canEdit={can(user.role, "business:edit")} />
    </>
  );
}
