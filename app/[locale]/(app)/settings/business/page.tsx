import { BusinessSettingsForm } from "@/components/business/business-settings-form";
import { BackToSettings } from "@/components/settings/back-link";
import { PageHeader } from "@/components/shell/page-header";
import { openPage, pageTitle } from "@/lib/auth/page";
import { listRates } from "@/lib/business/rates/rates";
import { businessSettingsView } from "@/lib/business/settings/settings-view";
import { legalContentView } from "@/lib/compliance/legal-content";

export const generateMetadata = pageTitle("business.settings");

export default async function BusinessSettingsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { t } = await openPage(params, "business.settings", { permission: "settings:manage" });
  const [rates, settings, legal] = await Promise.all([listRates(), businessSettingsView(), legalContentView()]);
  return (
    <>
      <BackToSettings />
      <PageHeader title={t("title")} description={t("description")} />
      <BusinessSettingsForm rates={rates} settings={settings} legal={legal} />
    </>
  );
}
