import { QueueBoard } from "@/components/queue/queue-board";
import { PageHeader } from "@/components/shell/page-header";
import { openPage, pageTitle } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";

export const generateMetadata = pageTitle("queueUi");

export default async function QueuePage({ params }: { params: Promise<{ locale: string }> }) {
  const { user, t } = await openPage(params, "queueUi", { permission: "queue:read" });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <QueueBoard canManage={can(user.role, "queue:manage")} canSeeCustomer={can(user.role, "jobs:customer")} />
    </>
  );
}
