import { BackupStatusCard } from "@/components/backup/backup-status-card";
import { BackupsManager } from "@/components/backup/backups-manager";
import { BackToSettings } from "@/components/settings/back-link";
import { PageHeader } from "@/components/shell/page-header";
import { openPage, pageTitle } from "@/lib/auth/page";
import { backupOverview } from "@/lib/backup/overview";

export const generateMetadata = pageTitle("backup");

export default async function BackupsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { t } = await openPage(params, "backup", { permission: "settings:manage" });
  const overview = await backupOverview();
  return (
    <>
      <BackToSettings />
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <BackupStatusCard overview={overview} />
        <BackupsManager initial={overview} />
      </div>
    </>
  );
}
