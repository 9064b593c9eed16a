import { getTranslations, setRequestLocale } from "next-intl/server";
import { BackToSettings } from "@/components/settings/back-link";
import { UsersManager } from "@/components/settings/users-manager";
import { PageHeader } from "@/components/shell/page-header";
import { toUserDto } from "@/lib/auth/dto";
import { requirePageUser } from "@/lib/auth/page";
import { listUsers } from "@/lib/auth/users";

export async function generateMetadata() {
  const t = await getTranslations("settings.users");
  return { title: t("title") };
}

export default async function UsersSettingsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser("users:manage", `/${locale}/settings/users`);
  const t = await getTranslations("settings.users");
  const users = (await listUsers()).map(toUserDto);
  return (
    <>
      <BackToSettings />
      <PageHeader title={t("title")} description={t("description")} />
      <UsersManager initialUsers={users} currentUserId={user.id} />
    </>
  );
}
