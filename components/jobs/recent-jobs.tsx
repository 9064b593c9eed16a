"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useLivePrinter } from "@/components/printers/fleet-provider";
import { useRecentJobs } from "@/lib/client/use-jobs";
import type { JobView } from "@/lib/jobs/schemas";
import { JobsTable } from "./jobs-table";
import { withLiveJob } from "./live-job";

/** A printer's latest jobs, live: the list is read again on every job event, the running row follows the printer. */
export function RecentJobs({ printerId, initial, pageSize }: { printerId: string; initial: JobView[]; pageSize: number }) {
  const t = useTranslations("printers");
  const recent = useRecentJobs(printerId, initial, pageSize);
  const printer = useLivePrinter(printerId);
  const jobs = useMemo(() => withLiveJob(recent, printer), [recent, printer]);
  return <JobsTable jobs={jobs} showPrinter={false} caption={t("recentJobs")} />;
}
