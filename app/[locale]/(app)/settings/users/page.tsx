import { BackToSettings } from "@/components/settings/back-link";
import { UsersManager } from "@/components/settings/users-manager";
import { PageHeader } from "@/components/shell/page-header";
import { toUserDto } from "@/lib/auth/dto";
import { openPage, pageTitle } from "@/lib/auth/page";
import { listUsers } from "@/lib/auth/users";

export const generateMetadata = pageTitle("settings.users");

export default async function UsersSettingsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { user, t } = await openPage(params, "settings.users", { permission: "users:manage", returnTo: "/settings/users" });
  const users = (await listUsers()).map(toUserDto);
  return (
    <>
      <BackToSettings />
      <PageHeader title={t("title")} description={t("description")} />
      <UsersManager initialUsers={users} currentUserId={user.id} />
    </>
  );
}
