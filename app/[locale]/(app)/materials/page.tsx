import { getTranslations, setRequestLocale } from "next-intl/server";
import { MaterialsManager } from "@/components/business/materials-manager";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { listMaterials, listSpools } from "@/lib/business/inventory/inventory";
import { readBusinessSettings } from "@/lib/business/settings/settings";
import { db } from "@/lib/db";

export async function generateMetadata() {
  const t = await getTranslations("business.materials");
  return { title: t("title") };
}

export default async function MaterialsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser("reports:read");
  const t = await getTranslations("business.materials");
  const { lowStockGrams } = await readBusinessSettings();
  const [materials, spools, printers] = await Promise.all([
    listMaterials(),
    listSpools(lowStockGrams),
    db.printer.findMany({ where: { deletedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <MaterialsManager materials={materials} spools={spools} printers={printers} canEdit={can(user.role, "business:edit")} />
    </>
  );
}
