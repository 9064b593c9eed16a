"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import { BedCallout } from "@/components/queue/bed-callout";
import { Icon } from "@/components/shell/icons";
import { useFormat } from "@/lib/format/use-format";
import { useLivePrinter } from "./fleet-provider";
import { liveValues } from "./live-values";
import { ProgressBar } from "./progress-bar";
import { disabledStyle, stateStyle } from "./state-style";

/** A printer on the wall screen: big state, progress and time left, readable from across the room, and the call to clear its bed. */
export const PrinterTile = memo(function PrinterTile({ id, alertCount, canControl }: { id: string; alertCount: number; canControl: boolean }) {
  const printer = useLivePrinter(id);
  const t = useTranslations("printers");
  const f = useFormat();
  if (!printer) return null;
  const { state, data, active, reportedAt, disabled } = liveValues(printer);
  const style = disabled ? disabledStyle : stateStyle[state];
  return (
    <article
      data-testid="printer-tile"
      data-printer-id={printer.id}
      data-state={state}
      className="flex h-52 flex-col gap-1.5 overflow-hidden rounded-lg border border-slate-300 bg-white p-3 dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex items-center justify-between gap-2">
        <h3 className="truncate text-lg font-bold leading-tight">{printer.name}</h3>
        {alertCount > 0 ? (
          <span className="inline-flex items-center gap-1 rounded bg-red-600 px-1.5 text-sm font-bold text-white">
            <Icon name="warning" className="h-4 w-4" />
            <span className="sr-only">{t("live.alertCount", { count: alertCount })}</span>
            <span aria-hidden="true">{alertCount}</span>
          </span>
        ) : null}
      </div>
      <p className={`inline-flex w-fit items-center gap-1.5 rounded px-2 py-0.5 text-base font-bold ${style.badge}`}>
        <Icon name={style.icon} className="h-5 w-5" />
        {t(disabled ? "state.disabled" : `state.${state}`)}
      </p>
      <p className="truncate text-sm text-slate-700 dark:text-slate-300">{active ? (data.jobName ?? "") : " "}</p>
      <ProgressBar value={active ? data.progress : null} label={t("live.progress")} barClass={style.bar} thick />
      <p className="mt-auto flex items-baseline justify-between text-xl font-bold tabular-nums">
        <span>{active ? f.percent(data.progress) : "–"}</span>
        <span className="text-base">
          {active && data.remainingSeconds !== null && reportedAt ? `${t("live.etaShort")} ${f.eta(reportedAt, data.remainingSeconds)}` : ""}
        </span>
      </p>
      <div className="h-10">
        <BedCallout printer={printer} canConfirm={canControl} size="tile" />
      </div>
    </article>
  );
});
