"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { DownloadStatus } from "@/lib/files/events";
import type { FileView } from "@/lib/files/schemas";

/** How long the summary of a finished batch stays before it clears itself. */
const SUMMARY_MS = 8_000;

/**
 * Follows the downloads the user just queued, live from "file.download" events (and the
 * server's list after a refresh, should an event have been missed): waiting, running,
 * then a short summary of how they ended, which then clears itself.
 */
export function useDownloadBatch(live: ReadonlyMap<string, { status: DownloadStatus }>, files: readonly FileView[]): { notice: string | null; follow: (downloadIds: readonly string[]) => void } {
  const t = useTranslations("files");
  const [batch, setBatch] = useState<readonly string[]>([]);
  const statusOf = (id: string): DownloadStatus => live.get(id)?.status ?? files.find((f) => f.download?.id === id)?.download?.status ?? "queued";
  const statuses = batch.map(statusOf);
  const count = (...wanted: DownloadStatus[]) => statuses.filter((s) => wanted.includes(s)).length;
  const queued = count("queued");
  const running = count("downloading");
  const finished = batch.length > 0 && queued === 0 && running === 0;

  useEffect(() => {
    if (!finished) return;
    const timer = setTimeout(() => setBatch([]), SUMMARY_MS);
    return () => clearTimeout(timer);
  }, [finished]);

  let notice: string | null = null;
  if (finished) notice = t("downloadsFinished", { done: count("done"), failed: count("failed"), cancelled: count("cancelled") });
  else if (running > 0) notice = t("downloadsRunning", { running, queued });
  else if (queued > 0) notice = t("queued", { count: queued });
  // A new request joins what is still being followed, so one notice tells the whole story.
  return { notice, follow: (downloadIds) => setBatch((prev) => [...prev, ...downloadIds]) };
}
