import { getTranslations, setRequestLocale } from "next-intl/server";
import { AlertsList } from "@/components/alerts/alerts-list";
import { NotificationPermissionButton } from "@/components/alerts/notification-permission";
import { Pagination } from "@/components/shell/pagination";
import { RefreshOnEvents } from "@/components/jobs/refresh-on-events";
import { PageHeader } from "@/components/shell/page-header";
import { Link } from "@/i18n/navigation";
import { listAlerts } from "@/lib/alerts/store";
import { requirePageUser } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";

export async function generateMetadata() {
  const t = await getTranslations("alertsUi");
  return { title: t("title") };
}

const tabs = ["open", "past"] as const;

export default async function AlertsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser("alerts:read");
  const t = await getTranslations("alertsUi");
  const search = await searchParams;
  const status = search.status === "past" ? "past" : "open";
  const page = Math.max(1, Math.min(100_000, Number.parseInt(typeof search.page === "string" ? search.page : "1", 10) || 1));
  const result = await listAlerts({ status, page, pageSize: 25 });
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={<NotificationPermissionButton />} />
      <RefreshOnEvents types={["alert.raised", "alert.resolved", "alert.acknowledged"]} />
      <nav aria-label={t("tabsLabel")} className="mb-4 flex gap-2">
        {tabs.map((tab) => (
          <Link
            key={tab}
            href={{ pathname: "/alerts", query: tab === "open" ? {} : { status: tab } }}
            aria-current={status === tab ? "page" : undefined}
            data-testid={`alerts-tab-${tab}`}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${status === tab ? "bg-brand-600 text-white" : "border border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"}`}
          >
            {t(`tabs.${tab}`)}
          </Link>
        ))}
      </nav>
      <AlertsList alerts={result.alerts} canAcknowledge={can(user.role, "alerts:acknowledge")} />
      <Pagination messages="jobs" pathname="/alerts" params={status === "past" ? { status } : {}} page={result.page} pageSize={result.pageSize} total={result.total} />
    </>
  );
}
