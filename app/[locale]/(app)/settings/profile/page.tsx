import { LogoutButton } from "@/components/auth/logout-button";
import { BackToSettings } from "@/components/settings/back-link";
import { ProfileForm } from "@/components/settings/profile-form";
import { PageHeader } from "@/components/shell/page-header";
import { toUserDto } from "@/lib/auth/dto";
import { openPage, pageTitle } from "@/lib/auth/page";
import { findUserById } from "@/lib/auth/users";

export const generateMetadata = pageTitle("settings.profile");

export default async function ProfileSettingsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { user, t } = await openPage(params, "settings.profile", { returnTo: "/settings/profile" });
  const record = await findUserById(user.id);
  return (
    <>
      <BackToSettings />
      <PageHeader title={t("title")} description={t("description")} />
      {record ? <ProfileForm user={toUserDto(record)} /> : null}
      <section
        aria-labelledby="privacy-heading"
        className="mt-8 max-w-xl rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="privacy-heading" className="font-semibold">
          {t("privacyHeading")}
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("privacyText")}</p>
        {/* A plain link: the browser saves the JSON the API answers with as a file. */}
        <a
          href="/api/privacy/export"
          download
          data-testid="privacy-export"
          className="mt-3 inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          {t("privacyExport")}
        </a>
      </section>
      <section
        aria-labelledby="sessions-heading"
        className="mt-8 max-w-xl rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 id="sessions-heading" className="font-semibold">
          {t("sessionsHeading")}
        </h2>
        <p className="mb-3 mt-1 text-sm text-slate-600 dark:text-slate-400">{t("sessionsText")}</p>
        <LogoutButton everywhere />
      </section>
    </>
  );
}
