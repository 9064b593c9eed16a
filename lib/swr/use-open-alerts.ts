"use client";

import useSWR from "swr";
import { useLive, useLiveEvent } from "@/components/live/live-provider";
import type { AlertView } from "@/lib/alerts/schemas";
import { alertListWireSchema as alertListSchema } from "@/lib/swr/alert-wire";
import { useEffect, useRef } from "react";
import { schemaFetcher } from "./fetcher";

export const OPEN_ALERTS_KEY = "/api/alerts?status=open&pageSize=200";
const fetcher = schemaFetcher(alertListSchema);

/**
 * The open alerts, kept current by the alert events on the shared stream (and re-read
 * after the stream reconnects, so nothing raised during a gap is missed).
 */
export function useOpenAlerts(fallback?: AlertView[]) {
  const { data, mutate } = useSWR(OPEN_ALERTS_KEY, fetcher, {
    fallbackData: fallback ? { alerts: fallback, total: fallback.length, page: 1, pageSize: 200 } : undefined,
    revalidateOnMount: !fallback,
  });
  const refresh = () => void mutate();
  useLiveEvent("alert.raised", refresh);
  useLiveEvent("alert.resolved", refresh);
  useLiveEvent("alert.acknowledged", refresh);
  const { status } = useLive();
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current !== "open" && status === "open") void mutate();
    previous.current = status;
  }, [status, mutate]);
  const alerts = data?.alerts ?? [];
  return { alerts, unacknowledged: alerts.filter((a) => !a.acknowledgedAt).length, refresh };
}
