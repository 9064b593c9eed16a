import { AlertsList } from "@/components/alerts/alerts-list";
import { NotificationPermissionButton } from "@/components/alerts/notification-permission";
import { Pagination } from "@/components/shell/pagination";
import { RefreshOnEvents } from "@/components/jobs/refresh-on-events";
import { PageHeader } from "@/components/shell/page-header";
import { Link } from "@/i18n/navigation";
import { listAlerts } from "@/lib/alerts/store";
import { openPage, pageTitle } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { searchParam, type SearchParams } from "@/lib/http/search-params";

export const generateMetadata = pageTitle("alertsUi");

const tabs = ["open", "past"] as const;

export default async function AlertsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { user, t } = await openPage(params, "alertsUi", { permission: "alerts:read" });
  const search = await searchParams;
  const status = search.status === "past" ? "past" : "open";
  const page = Math.max(1, Math.min(100_000, Number.parseInt(searchParam(search, "page"), 10) || 1));
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
