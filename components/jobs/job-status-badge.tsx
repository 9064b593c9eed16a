"use client";

import { useTranslations } from "next-intl";
import { Icon, type IconName } from "@/components/shell/icons";
import type { JobStatus } from "@/lib/jobs/machine";

const styles: Record<JobStatus, { icon: IconName; badge: string }> = {
  printing: { icon: "play", badge: "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200" },
  paused: { icon: "pause", badge: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" },
  finished: { icon: "check", badge: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" },
  failed: { icon: "cross", badge: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" },
  cancelled: { icon: "stop", badge: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200" },
};

export function JobStatusBadge({ status }: { status: JobStatus }) {
  const t = useTranslations("jobs.status");
  return (
    <span data-testid="job-status" data-status={status} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ${styles[status].badge}`}>
      <Icon name={styles[status].icon} className="h-3.5 w-3.5" />
      {t(status)}
    </span>
  );
}
