import { BusinessDetailsForm } from "@/components/business/business-details-form";
import { BusinessSettingsForm } from "@/components/business/business-settings-form";
import { BackToSettings } from "@/components/settings/back-link";
import { PageHeader } from "@/components/shell/page-header";
import { openPage, pageTitle } from "@/lib/auth/page";
import { businessProfileView } from "@/lib/business/profile/profile";
import { listRates } from "@/lib/business/rates/rates";
import { businessSettingsView } from "@/lib/business/settings/settings-view";
import { legalContentView } from "@/lib/compliance/legal-content";

export const generateMetadata = pageTitle("business.settings");

export default async function BusinessSettingsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { t } = await openPage(params, "business.settings", { permission: "settings:manage" });
  const [rates, settings, legal, details] = await Promise.all([listRates(), businessSettingsView(), legalContentView(), businessProfileView()]);
  return (
    <>
      <BackToSettings />
      <PageHeader title={t("title")} description={t("description")} />
      <section id="details" className="mb-8 scroll-mt-4">
        <h2 className="mb-2 text-lg font-semibold">{t("details")}</h2>
        <BusinessDetailsForm details={details} />
      </section>
      <BusinessSettingsForm rates={rates} settings={settings} legal={legal} />
    </>
  );
}
