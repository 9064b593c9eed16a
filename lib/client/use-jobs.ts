"use client";

import useSWR from "swr";
import { z } from "zod";
import { berlinDay, berlinDayStart } from "@/lib/format/date";
import { jobListSchema, type JobView } from "@/lib/jobs/schemas";
import { schemaFetcher } from "./api-fetch";
import { useLiveEvent } from "./use-live";

const totalFetcher = schemaFetcher(z.object({ total: z.number().int() }));
const listFetcher = schemaFetcher(jobListSchema);

/** How many jobs started today (Berlin calendar day). */
export function useJobsToday(fallback?: number) {
  const since = berlinDayStart(berlinDay(new Date())).toISOString();
  const { data, mutate } = useSWR(`/api/jobs?pageSize=1&from=${encodeURIComponent(since)}`, totalFetcher, {
    fallbackData: fallback === undefined ? undefined : { total: fallback },
    revalidateOnMount: fallback === undefined,
  });
  useLiveEvent("job.started", () => void mutate());
  return data?.total;
}

/** A printer's latest jobs, read again on every job event of that printer. */
export function useRecentJobs(printerId: string, initial: JobView[], pageSize: number): JobView[] {
  const { data, mutate } = useSWR(`/api/jobs?printerId=${encodeURIComponent(printerId)}&pageSize=${pageSize}`, listFetcher, {
    fallbackData: { jobs: initial, total: initial.length, page: 1, pageSize },
    revalidateOnMount: false,
  });
  const reload = (event: { printerId: string | null }) => {
    if (event.printerId === printerId) void mutate();
  };
  useLiveEvent("job.started", reload);
  useLiveEvent("job.state", reload);
  useLiveEvent("job.finished", reload);
  return data.jobs;
}
