"use client";

import useSWR from "swr";
import { z } from "zod";
import { useLiveEvent } from "@/components/live/live-provider";
import { berlinDay, berlinDayStart } from "@/lib/format/date";
import { schemaFetcher } from "./fetcher";

const fetcher = schemaFetcher(z.object({ total: z.number().int() }));

/** How many jobs started today (Berlin calendar day). */
export function useJobsToday(fallback?: number) {
  const since = berlinDayStart(berlinDay(new Date())).toISOString();
  const { data, mutate } = useSWR(`/api/jobs?pageSize=1&from=${encodeURIComponent(since)}`, fetcher, {
    fallbackData: fallback === undefined ? undefined : { total: fallback },
    revalidateOnMount: fallback === undefined,
  });
  useLiveEvent("job.started", () => void mutate());
  return data?.total;
}
