"use client";

import { FleetProvider } from "@/components/printers/fleet-provider";
import { JobStartsProvider } from "@/components/printers/job-starts";
import type { AlertView } from "@/lib/alerts/schemas";
import type { CurrentThumbnail } from "@/lib/jobs/schemas";
import type { PrinterView } from "@/lib/printers/schemas";
import { useOpenAlerts } from "@/lib/client/use-alerts";
import { useJobsToday } from "@/lib/client/use-jobs";
import type { FleetFilters } from "./fleet-filters";
import { FleetView } from "./fleet-view";
import { SummaryRow } from "./summary-row";

/** The live part of the dashboard: summary and fleet share one store fed by the one event stream. */
export function DashboardLive({
  printers,
  thumbnails,
  jobStarts,
  alerts: initialAlerts,
  jobsToday: initialJobsToday,
  filters,
  canManage,
  canControl,
}: {
  printers: PrinterView[];
  thumbnails: CurrentThumbnail[];
  /** Start of each printer's open job, by printer id. */
  jobStarts: Record<string, string>;
  alerts: AlertView[];
  jobsToday: number;
  filters: FleetFilters;
  canManage: boolean;
  /** May confirm a printer's bed is clear. */
  canControl: boolean;
}) {
  const { alerts } = useOpenAlerts(initialAlerts);
  const jobsToday = useJobsToday(initialJobsToday);
  return (
    <FleetProvider initial={printers} thumbnails={thumbnails}>
      <JobStartsProvider initial={jobStarts}>
        <SummaryRow jobsToday={jobsToday} alertsOpen={alerts.length} />
        <FleetView initialFilters={filters} alerts={alerts} canManage={canManage} canControl={canControl} />
      </JobStartsProvider>
    </FleetProvider>
  );
}
