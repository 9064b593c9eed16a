"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import { BedCallout } from "@/components/queue/bed-callout";
import { NextInQueue } from "@/components/queue/next-in-queue";
import { Icon } from "@/components/shell/icons";
import { Link } from "@/i18n/navigation";
import type { AlertView } from "@/lib/alerts/schemas";
import { useFormat } from "@/lib/format/use-format";
import { FilamentChips } from "./filament-chips";
import { useLivePrinter } from "./fleet-provider";
import { ElapsedTime } from "./job-starts";
import { JobThumbnail } from "./job-thumbnails";
import { liveValues } from "./live-values";
import { ProgressBar } from "./progress-bar";
import { StateBadge } from "./state-badge";
import { disabledStyle, stateStyle } from "./state-style";
import { TemperatureValue } from "./temperature-line";

/**
 * One printer on the dashboard. The card has a fixed height, so live updates never
 * shift the grid; values that only a print has (progress, times) appear only during one,
 * and a chamber only on printers that measure it. At the foot: the call to clear the
 * bed when nothing can start before, and what the queue has next for the printer.
 */
export const PrinterCard = memo(function PrinterCard({ id, alerts, canControl }: { id: string; alerts: AlertView[]; canControl: boolean }) {
  const printer = useLivePrinter(id);
  const t = useTranslations("printers.live");
  const ta = useTranslations("alerts.titles");
  const f = useFormat();
  if (!printer) return null;
  const { state, data, active, reportedAt, disabled } = liveValues(printer);
  const remaining = active ? data.remainingSeconds : null;
  return (
    <article
      data-testid="printer-card"
      data-printer-id={printer.id}
      data-state={state}
      aria-labelledby={`printer-${printer.id}-name`}
      className={`flex h-[23rem] flex-col gap-2 overflow-hidden rounded-xl border p-4 shadow-sm ${disabled ? "border-dashed border-slate-300 bg-slate-50 dark:border-slate-700 dark:bg-slate-900/60" : "border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"}`}
    >
      <header className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={`printer-${printer.id}-name`} className="truncate text-base font-semibold">
            <Link href={`/printers/${printer.id}`} className="hover:underline">
              {printer.name}
            </Link>
          </h3>
          <p className="truncate text-xs text-slate-600 dark:text-slate-400">
            {[printer.model, printer.location].filter(Boolean).join(" · ")}
          </p>
        </div>
        <StateBadge state={state} disabled={disabled} />
      </header>
      <div className="flex gap-3">
        <JobThumbnail printerId={printer.id} fileName={active ? data.fileName : null} jobName={data.jobName} className="h-16 w-16" />
        <div className="flex min-w-0 flex-1 flex-col justify-between">
          <p className="truncate text-sm" data-testid="printer-job">
            {disabled ? (
              <span className="text-slate-600 dark:text-slate-400">{t("disabledShort")}</span>
            ) : (
              <>
                    <span className="text-slate-600 dark:text-slate-400">{t("job")}: </span>
                    {active && data.jobName ? data.jobName : t("noJob")}
              </>
            )}
          </p>
          <ProgressBar value={active ? data.progress : null} label={t("progress")} barClass={(disabled ? disabledStyle : stateStyle[state]).bar} />
          <p className="flex h-5 justify-between text-sm tabular-nums">
            {active ? <span data-testid="printer-progress-text">{f.percent(data.progress)}</span> : null}
            {active && data.layer !== null ? (
              <span>
                {t("layer")} {`${data.layer}/${data.totalLayers ?? "?"}`}
              </span>
            ) : null}
          </p>
        </div>
      </div>
      <dl className="grid grid-cols-3 gap-1 text-xs">
        <div>
          <dt className="text-slate-600 dark:text-slate-400">{t("nozzle")}</dt>
          <dd data-testid="printer-nozzle"><TemperatureValue {...data.nozzle} /></dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-400">{t("bed")}</dt>
          <dd><TemperatureValue {...data.bed} /></dd>
        </div>
        {data.chamber.current !== null ? (
          <div>
            <dt className="text-slate-600 dark:text-slate-400">{t("chamber")}</dt>
            <dd><TemperatureValue {...data.chamber} /></dd>
          </div>
        ) : null}
        {active ? (
          <>
        <div className="col-start-1">
          <dt className="text-slate-600 dark:text-slate-400">{t("elapsed")}</dt>
          <dd className="tabular-nums" data-testid="printer-elapsed"><ElapsedTime printerId={printer.id} reported={data.elapsedSeconds} /></dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-400">{t("remaining")}</dt>
          <dd className="tabular-nums" data-testid="printer-remaining">{remaining !== null ? f.duration(remaining) : "–"}</dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-400">{t("eta")}</dt>
          <dd className="tabular-nums">{remaining !== null && reportedAt ? f.eta(reportedAt, remaining) : "–"}</dd>
        </div>
          </>
        ) : null}
      </dl>
      <div className="mt-auto flex items-end justify-between gap-2">
        <FilamentChips slots={data.filament} max={4} />
        {alerts.length > 0 ? (
          <Link
            href="/alerts"
            data-testid="printer-alerts"
            className="inline-flex shrink-0 items-center gap-1 rounded-full bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-900 dark:bg-red-950 dark:text-red-200"
            title={alerts.map((a) => ta(a.type)).join(", ")}
          >
            <Icon name="warning" className="h-3.5 w-3.5" />
            {alerts.length === 1 ? ta(alerts[0].type) : t("alertCount", { count: alerts.length })}
          </Link>
        ) : null}
      </div>
      <div className="flex h-[5.25rem] flex-col justify-end gap-1">
        <BedCallout printer={printer} canConfirm={canControl} size="card" />
        <NextInQueue printer={printer} size="card" />
      </div>
    </article>
  );
});
