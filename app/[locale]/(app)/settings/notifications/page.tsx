import { LimitsForm } from "@/components/notifications/limits-form";
import { NotificationSettings } from "@/components/notifications/notification-settings";
import { BackToSettings } from "@/components/settings/back-link";
import { PageHeader } from "@/components/shell/page-header";
import { channelsView } from "@/lib/alerts/channels-api";
import { loadAlertSettings } from "@/lib/alerts/settings";
import { openPage, pageTitle } from "@/lib/auth/page";
import { printerKinds } from "@/lib/printers/registry";

export const generateMetadata = pageTitle("notifications");

export default async function NotificationsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { t } = await openPage(params, "notifications", { permission: "settings:manage" });
  const [channels, settings] = await Promise.all([channelsView(), loadAlertSettings()]);
  return (
    <>
      <BackToSettings />
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <NotificationSettings initial={channels} />
        <LimitsForm general={settings} kinds={printerKinds} overrides={settings.kinds} />
      </div>
    </>
  );
}
