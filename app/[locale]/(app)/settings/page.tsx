import { BackupStatusCard } from "@/components/backup/backup-status-card";
import { PageHeader } from "@/components/shell/page-header";
import { Link } from "@/i18n/navigation";
import { openPage, pageTitle } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { backupOverview } from "@/lib/backup/overview";

export const generateMetadata = pageTitle("settings");

export default async function SettingsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { user, t } = await openPage(params, "settings");
  const sections = [
    { key: "profile", href: "/settings/profile", visible: true },
    { key: "tokens", href: "/settings/tokens", visible: can(user.role, "tokens:own") },
    { key: "users", href: "/settings/users", visible: can(user.role, "users:manage") },
    { key: "business", href: "/settings/business", visible: can(user.role, "settings:manage") },
    { key: "notifications", href: "/settings/notifications", visible: can(user.role, "settings:manage") },
    { key: "backups", href: "/settings/backups", visible: can(user.role, "settings:manage") },
    { key: "audit", href: "/settings/audit", visible: can(user.role, "audit:read") },
  ] as const;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="settings-sections">
        {sections
          .filter((section) => section.visible)
          .map((section) => (
            <li key={section.key}>
              <Link
                href={section.href}
                data-testid={`settings-${section.key}`}
                className="block h-full rounded-xl border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-500 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-brand-500"
              >
                <h2 className="font-semibold">{t(`sections.${section.key}.title`)}</h2>
                <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t(`sections.${section.key}.description`)}</p>
              </Link>
            </li>
          ))}
      </ul>
      {can(user.role, "settings:manage") && (
        <div className="mt-6 max-w-xl">
          <BackupStatusCard overview={await backupOverview()} />
        </div>
      )}
    </>
  );
}
