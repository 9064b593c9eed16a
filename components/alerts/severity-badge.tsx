"use client";

import { useTranslations } from "next-intl";
import { Icon, type IconName } from "@/components/shell/icons";
import type { AlertSeverity } from "@/lib/alerts/types";

export const severityStyle: Record<AlertSeverity, { icon: IconName; badge: string; border: string }> = {
  info: { icon: "alerts", badge: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200", border: "border-l-sky-500" },
  warning: { icon: "warning", badge: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200", border: "border-l-amber-500" },
  critical: { icon: "warning", badge: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200", border: "border-l-red-600" },
};

export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  const t = useTranslations("alerts.severity");
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ${severityStyle[severity].badge}`}>
      <Icon name={severityStyle[severity].icon} className="h-3.5 w-3.5" />
      {t(severity)}
    </span>
  );
}
