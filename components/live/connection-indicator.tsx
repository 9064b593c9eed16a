"use client";

import { useTranslations } from "next-intl";
import { useLive } from "@/lib/client/use-live";

const styles = {
  open: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200",
  connecting: "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200",
  reconnecting: "bg-red-100 text-red-900 dark:bg-red-900/40 dark:text-red-200",
} as const;

const icons = { open: "●", connecting: "◌", reconnecting: "✕" } as const;

export function ConnectionIndicator() {
  const t = useTranslations("common.live");
  const { status } = useLive();
  return (
    <span
      role="status"
      data-testid="live-status"
      data-status={status}
      className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2.5 py-1 text-xs font-medium ${styles[status]}`}
    >
      <span aria-hidden="true">{icons[status]}</span>
      {t(status)}
    </span>
  );
}
