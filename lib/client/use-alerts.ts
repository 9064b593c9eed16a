"use client";

import useSWR from "swr";
import { z } from "zod";
import type { AlertView } from "@/lib/alerts/schemas";
import { alertListWireSchema } from "./alert-wire";
import { apiFetch, schemaFetcher } from "./api-fetch";
import { useLiveEvent, useLiveOpened } from "./use-live";

const OPEN_ALERTS_KEY = "/api/alerts?status=open&pageSize=200";
const fetcher = schemaFetcher(alertListWireSchema);

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
  useLiveOpened(refresh, "connecting or reconnecting");
  const alerts = data?.alerts ?? [];
  return { alerts, unacknowledged: alerts.filter((a) => !a.acknowledgedAt).length, refresh };
}

/** One open alert by id (a toast shows it just after it was raised), or undefined when it is no longer open. */
export async function findOpenAlert(id: string): Promise<AlertView | undefined> {
  const { alerts } = await apiFetch("/api/alerts?status=open&pageSize=50", alertListWireSchema);
  return alerts.find((alert) => alert.id === id);
}

export async function acknowledgeAlert(id: string): Promise<void> {
  await apiFetch(`/api/alerts/${encodeURIComponent(id)}/acknowledge`, z.unknown(), { method: "POST" });
}
