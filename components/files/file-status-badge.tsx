"use client";

import { useTranslations } from "next-intl";
import { Icon, type IconName } from "@/components/shell/icons";
import type { FileStatus } from "@/lib/files/schemas";

const styles: Record<FileStatus, { icon: IconName; badge: string }> = {
  available: { icon: "printer", badge: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200" },
  downloaded: { icon: "check", badge: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" },
  local: { icon: "files", badge: "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200" },
  downloading: { icon: "hourglass", badge: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200" },
  failed: { icon: "warning", badge: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" },
};

export function FileStatusBadge({ status }: { status: FileStatus }) {
  const t = useTranslations("files.status");
  return (
    <span data-testid="file-status" data-status={status} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${styles[status].badge}`}>
      <Icon name={styles[status].icon} className="h-3.5 w-3.5" />
      {t(status)}
    </span>
  );
}
