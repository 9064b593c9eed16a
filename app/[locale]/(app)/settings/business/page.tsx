import { getTranslations, setRequestLocale } from "next-intl/server";
import { BusinessSettingsForm } from "@/components/business/business-settings-form";
import { BackToSettings } from "@/components/settings/back-link";
import { PageHeader } from "@/components/shell/page-header";
import { requirePageUser } from "@/lib/auth/page";
import { listRates } from "@/lib/business/rates/rates";
import { businessSettingsView } from "@/lib/business/settings/settings-view";
import { legalContentView } from "@/lib/compliance/legal-content";

export async function generateMetadata() {
  const t = await getTranslations("business.settings");
  return { title: t("title") };
}

export default async function BusinessSettingsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requirePageUser("settings:manage");
  const t = await getTranslations("business.settings");
  const [rates, settings, legal] = await Promise.all([listRates(), businessSettingsView(), legalContentView()]);
  return (
    <>
      <BackToSettings />
      <PageHeader title={t("title")} description={t("description")} />
      <BusinessSettingsForm rates={rates} settings={settings} legal={legal} />
    </>
  );
}
