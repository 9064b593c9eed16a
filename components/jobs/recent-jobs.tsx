"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import useSWR from "swr";
import { useLiveEvent } from "@/components/live/live-provider";
import { useLivePrinter } from "@/components/printers/fleet-provider";
import { jobListSchema, type JobView } from "@/lib/jobs/schemas";
import { schemaFetcher } from "@/lib/swr/fetcher";
import { JobsTable } from "./jobs-table";
import { withLiveJob } from "./live-job";

const fetcher = schemaFetcher(jobListSchema);

/** A printer's latest jobs, live: the list is read again on every job event, the running row follows the printer. */
export function RecentJobs({ printerId, initial, pageSize }: { printerId: string; initial: JobView[]; pageSize: number }) {
  const t = useTranslations("printers");
  const { data, mutate } = useSWR(`/api/jobs?printerId=${encodeURIComponent(printerId)}&pageSize=${pageSize}`, fetcher, {
    fallbackData: { jobs: initial, total: initial.length, page: 1, pageSize },
    revalidateOnMount: false,
  });
  const reload = (event: { printerId: string | null }) => {
    if (event.printerId === printerId) void mutate();
  };
  useLiveEvent("job.started", reload);
  useLiveEvent("job.state", reload);
  useLiveEvent("job.finished", reload);
  const printer = useLivePrinter(printerId);
  const jobs = useMemo(() => withLiveJob(data.jobs, printer), [data.jobs, printer]);
  return <JobsTable jobs={jobs} showPrinter={false} caption={t("recentJobs")} />;
}
