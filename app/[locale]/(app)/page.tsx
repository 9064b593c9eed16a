import { DashboardLive } from "@/components/dashboard/dashboard-live";
import { FirstSteps } from "@/components/dashboard/first-steps";
import { fleetFiltersFrom } from "@/components/dashboard/fleet-filters";
import { WorkerHeartbeat } from "@/components/live/worker-heartbeat";
import { PageHeader } from "@/components/shell/page-header";
import { listAlerts } from "@/lib/alerts/store";
import { openPage, pageTitle } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { openFirstSteps } from "@/lib/business/onboarding/first-steps";
import { env } from "@/lib/config/env";
import { berlinDay, berlinDayStart } from "@/lib/format/date";
import type { SearchParams } from "@/lib/http/search-params";
import { listJobs } from "@/lib/jobs/repository";
import { openJobStarts } from "@/lib/jobs/open-starts";
import { currentFilesOf, thumbnailsOf } from "@/lib/jobs/thumbnails";
import { listPrinters } from "@/lib/printers/repository";
import { readWorkerStatus } from "@/lib/worker/lease";

export const generateMetadata = pageTitle("dashboard");

export default async function DashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { user, t } = await openPage(params, "dashboard", { permission: "printers:read" });
  const [worker, printers, alerts, jobsToday, jobStarts, firstSteps] = await Promise.all([
    readWorkerStatus(),
    listPrinters(),
    listAlerts({ status: "open", page: 1, pageSize: 200 }),
    listJobs({ from: berlinDayStart(berlinDay(new Date())).toISOString(), page: 1, pageSize: 1 }),
    openJobStarts(),
    can(user.role, "settings:manage") ? openFirstSteps(user.id) : null,
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      {firstSteps ? <FirstSteps steps={firstSteps} /> : null}
      <DashboardLive
        printers={printers}
        thumbnails={await thumbnailsOf(currentFilesOf(printers))}
        jobStarts={jobStarts}
        alerts={alerts.alerts}
        jobsToday={jobsToday.total}
        filters={fleetFiltersFrom(await searchParams)}
        canManage={can(user.role, "printers:manage")}
        canControl={can(user.role, "printers:control")}
      />
      <div className="mt-8 max-w-md">
        <WorkerHeartbeat
          initial={{
            heartbeatAt: worker.heartbeatAt?.toISOString() ?? null,
            runningSince: worker.acquiredAt?.toISOString() ?? null,
            released: worker.expiresAt !== null && worker.heartbeatAt !== null && worker.expiresAt <= worker.heartbeatAt,
          }}
          serverNow={new Date().toISOString()}
          staleMs={env().PRINTERNIZER_WORKER_STALE_MS}
        />
      </div>
    </>
  );
}
