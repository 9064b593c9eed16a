"use client";

import useSWR from "swr";
import { samplesResponseSchema } from "@/lib/printers/schemas";
import { schemaFetcher } from "./fetcher";

export type SampleRange = "1h" | "24h" | "7d";
const fetcher = schemaFetcher(samplesResponseSchema);

/** Temperature history of one printer, averaged by the server. */
export function useSamples(printerId: string, range: SampleRange) {
  const { data, error, isLoading } = useSWR(`/api/printers/${encodeURIComponent(printerId)}/samples?range=${range}`, fetcher, {
    revalidateOnFocus: false,
  });
  return { samples: data?.samples, bucketSeconds: data?.bucketSeconds, error, isLoading };
}
