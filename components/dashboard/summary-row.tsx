"use client";

import { useTranslations } from "next-intl";
import { Icon, type IconName } from "@/components/shell/icons";
import { useFleet, useFleetVersion } from "@/components/printers/fleet-provider";
import { liveValues } from "@/components/printers/live-values";
import { summaryGroup, type SummaryGroup } from "@/components/printers/state-style";
import { useFormat } from "@/lib/format/use-format";

/** `onlyWhenCounted`: a tile that matters only when something is in it, so a farm without any keeps the row it knows. */
const tiles: { key: SummaryGroup | "jobsToday" | "alertsOpen"; icon: IconName; tone: string; onlyWhenCounted?: boolean }[] = [
  { key: "printing", icon: "play", tone: "text-blue-700 dark:text-blue-300" },
  { key: "idle", icon: "check", tone: "text-emerald-700 dark:text-emerald-300" },
  { key: "finished", icon: "check", tone: "text-emerald-800 dark:text-emerald-200", onlyWhenCounted: true },
  { key: "offline", icon: "offline", tone: "text-slate-600 dark:text-slate-300" },
  { key: "disabled", icon: "power", tone: "text-slate-500 dark:text-slate-400", onlyWhenCounted: true },
  { key: "error", icon: "warning", tone: "text-red-700 dark:text-red-300" },
  { key: "jobsToday", icon: "jobs", tone: "text-slate-700 dark:text-slate-200" },
  { key: "alertsOpen", icon: "alerts", tone: "text-amber-700 dark:text-amber-300" },
];

/** Printers per state, today's jobs and open alerts. */
export function SummaryRow({ jobsToday, alertsOpen }: { jobsToday: number | undefined; alertsOpen: number }) {
  const t = useTranslations("dashboard.summary");
  const f = useFormat();
  const store = useFleet();
  useFleetVersion();
  const counts: Record<SummaryGroup, number> = { printing: 0, idle: 0, finished: 0, offline: 0, error: 0, disabled: 0 };
  for (const printer of store.all()) counts[summaryGroup(liveValues(printer))]++;
  const value = (key: (typeof tiles)[number]["key"]) =>
    key === "jobsToday" ? jobsToday : key === "alertsOpen" ? alertsOpen : counts[key];
  const shown = tiles.filter((tile) => !tile.onlyWhenCounted || value(tile.key));
  return (
    <ul className={`mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 ${shown.length > 7 ? "xl:grid-cols-8" : shown.length > 6 ? "xl:grid-cols-7" : "xl:grid-cols-6"}`} aria-label={t("label")}>
      {shown.map((tile) => (
        <li
          key={tile.key}
          data-testid={`summary-${tile.key}`}
          className="flex items-center gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900"
        >
          <Icon name={tile.icon} className={`h-6 w-6 shrink-0 ${tile.tone}`} />
          <div>
            <p className="text-2xl font-bold tabular-nums" data-testid={`summary-${tile.key}-value`}>
              {value(tile.key) === undefined ? "–" : f.number(value(tile.key) ?? 0)}
            </p>
            <p className="text-xs text-slate-600 dark:text-slate-400">{t(tile.key)}</p>
          </div>
        </li>
      ))}
    </ul>
  );
}
