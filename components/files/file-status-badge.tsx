"use client";

import { useTranslations } from "next-intl";
import { Icon, type IconName } from "@/components/shell/icons";
import type { FileStatus } from "@/lib/files/schemas";

type BadgeKind = FileStatus | "queued";

const styles: Record<BadgeKind, { icon: IconName; badge: string }> = {
  available: { icon: "printer", badge: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200" },
  downloaded: { icon: "check", badge: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" },
  local: { icon: "files", badge: "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200" },
  queued: { icon: "clock", badge: "border border-slate-300 bg-white text-slate-700 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-300" },
  downloading: { icon: "hourglass", badge: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" },
  failed: { icon: "warning", badge: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" },
};

/** A file's status; `queued` tells a download still waiting for its turn from one that runs. */
export function FileStatusBadge({ status, queued = false }: { status: FileStatus; queued?: boolean }) {
  const t = useTranslations("files.status");
  const kind: BadgeKind = status === "downloading" && queued ? "queued" : status;
  return (
    <span data-testid="file-status" data-status={kind} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${styles[kind].badge}`}>
      <Icon name={styles[kind].icon} className="h-3.5 w-3.5" />
      {t(kind)}
    </span>
  );
}
