"use client";

import { useTranslations } from "next-intl";
import type { QueueStatus } from "@/lib/queue/schemas";

const styles: Record<QueueStatus, string> = {
  queued: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100",
  paused: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  waiting_for_bed: "bg-orange-100 text-orange-900 dark:bg-orange-950 dark:text-orange-200",
  dispatching: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  printing: "bg-brand-100 text-brand-700 dark:bg-brand-700 dark:text-white",
  done: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
  cancelled: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
};

export function QueueStatusBadge({ status }: { status: QueueStatus }) {
  const t = useTranslations("queueUi.status");
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ${styles[status]}`} data-testid="queue-status">
      {t(status)}
    </span>
  );
}
