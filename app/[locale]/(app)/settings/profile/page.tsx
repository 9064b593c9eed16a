import { getTranslations, setRequestLocale } from "next-intl/server";
import { BackToSettings } from "@/components/settings/back-link";
import { ProfileForm } from "@/components/settings/profile-form";
import { PageHeader } from "@/components/shell/page-header";
import { toUserDto } from "@/lib/auth/dto";
import { requirePageUser } from "@/lib/auth/page";
import { findUserById } from "@/lib/auth/users";

export async function generateMetadata() {
  const t = await getTranslations("settings.profile");
  return { title: t("title") };
}

export default async function ProfileSettingsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser(undefined, `/${locale}/settings/profile`);
  const record = await findUserById(user.id);
  const t = await getTranslations("settings.profile");
  return (
    <>
      <BackToSettings />
      <PageHeader title={t("title")} description={t("description")} />
      {record ? <ProfileForm user={toUserDto(record)} /> : null}
    </>
  );
}
