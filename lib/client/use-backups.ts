"use client";

import useSWR from "swr";
import { backupRunSchema } from "@/lib/backup/api-routes";
import { backupOverviewSchema, type BackupOverview } from "@/lib/backup/schemas";
import { apiFetch, schemaFetcher } from "./api-fetch";

const BACKUPS = "/api/backups";
const fetcher = schemaFetcher(backupOverviewSchema);

/** Backup schedule, outcome and stored copies; the server-rendered overview is the first value. */
export function useBackups(initial: BackupOverview) {
  const { data, mutate } = useSWR(BACKUPS, fetcher, { fallbackData: initial });
  return { overview: data, revalidate: async () => void (await mutate()) };
}

/** Queues a backup for the worker (or answers the one already queued). */
export function startBackup() {
  return apiFetch(BACKUPS, backupRunSchema, { method: "POST" });
}

export function backupRun(commandId: number) {
  return apiFetch(`${BACKUPS}/runs/${commandId}`, backupRunSchema);
}

export function backupDownloadHref(name: string): string {
  return `${BACKUPS}/files/${encodeURIComponent(name)}`;
}
