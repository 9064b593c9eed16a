"use client";

import { useTranslations } from "next-intl";
import { Icon } from "@/components/shell/icons";
import { useFormat } from "@/lib/format/use-format";
import { FilamentChips } from "./filament-chips";
import { useLivePrinter } from "./fleet-provider";
import { ElapsedTime } from "./job-starts";
import { JobThumbnail } from "./job-thumbnails";
import { liveValues } from "./live-values";
import { usePrinterErrorText } from "./printer-error-text";
import { ProgressBar } from "./progress-bar";
import { StateBadge } from "./state-badge";
import { disabledStyle, stateStyle } from "./state-style";
import { TemperatureValue } from "./temperature-line";

function Stat({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="rounded-lg bg-slate-50 px-3 py-2 dark:bg-slate-800/60">
      <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="text-base font-semibold tabular-nums sm:text-lg" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** The printer's live values in full, on its own page. */
export function PrinterLiveDetail({ id, controls }: { id: string; controls?: React.ReactNode }) {
  const printer = useLivePrinter(id);
  const t = useTranslations("printers.live");
  const f = useFormat();
  const errorText = usePrinterErrorText();
  if (!printer) return null;
  const { state, data, active, reportedAt, disabled } = liveValues(printer);
  return (
    <section
      aria-labelledby="live-heading"
      data-testid="printer-live"
      data-state={state}
      className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="live-heading" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <StateBadge state={state} disabled={disabled} large />
      </div>
      {disabled ? (
        <p className="mt-3 flex items-start gap-2 rounded-md border border-dashed border-slate-400 bg-slate-50 px-3 py-2 text-sm text-slate-800 dark:border-slate-600 dark:bg-slate-800/60 dark:text-slate-200" data-testid="printer-disabled-notice">
          <Icon name="power" className="mt-0.5 h-4 w-4 shrink-0" />
          <span>{t("disabledNotice")}</span>
        </p>
      ) : null}
      <div className="mt-3 flex items-center gap-4">
        <JobThumbnail printerId={printer.id} fileName={active ? data.fileName : null} jobName={data.jobName} className="h-24 w-24 sm:h-28 sm:w-28" />
        <div className="min-w-0 flex-1 space-y-3">
          <p className="truncate" data-testid="printer-job">
            <span className="text-slate-600 dark:text-slate-400">{t("job")}: </span>
            <span className="font-medium">{active && data.jobName ? data.jobName : t("noJob")}</span>
            {active && data.fileName && data.fileName !== data.jobName ? (
              <span className="ml-2 text-sm text-slate-600 dark:text-slate-400">({data.fileName})</span>
            ) : null}
          </p>
          <ProgressBar value={active ? data.progress : null} label={t("progress")} barClass={(disabled ? disabledStyle : stateStyle[state]).bar} thick />
        </div>
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4">
        {active ? (
          <>
            <Stat label={t("progress")} testId="printer-progress-text">{f.percent(data.progress)}</Stat>
            {data.layer !== null ? <Stat label={t("layer")}>{`${data.layer} / ${data.totalLayers ?? "?"}`}</Stat> : null}
            <Stat label={t("elapsed")}><ElapsedTime printerId={printer.id} reported={data.elapsedSeconds} /></Stat>
            <Stat label={t("remaining")} testId="printer-remaining">{f.duration(data.remainingSeconds)}</Stat>
            {data.remainingSeconds !== null && reportedAt ? <Stat label={t("eta")}>{f.eta(reportedAt, data.remainingSeconds)}</Stat> : null}
          </>
        ) : null}
        <Stat label={t("nozzle")} testId="printer-nozzle"><TemperatureValue {...data.nozzle} /></Stat>
        <Stat label={t("bed")}><TemperatureValue {...data.bed} /></Stat>
        {data.chamber.current !== null ? <Stat label={t("chamber")}><TemperatureValue {...data.chamber} /></Stat> : null}
      </dl>
      {data.filament.some((slot) => slot.color || slot.type) ? (
        <div className="mt-4 flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-600 dark:text-slate-400">{t("filament")}:</span>
          <FilamentChips slots={data.filament} max={8} />
        </div>
      ) : null}
      {data.errors.length > 0 ? (
        <ul className="mt-4 space-y-1" data-testid="printer-errors">
          {data.errors.map((e) => (
            <li key={e.code} className="flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-200">
              <Icon name="warning" className="mt-0.5 h-4 w-4 shrink-0" />
              <span>
                {errorText(e.messageKey, e.text)} <span className="font-mono text-xs">({e.code})</span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {data.developerModeRequired ? (
        <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          {errorText("bambu.failure.developerMode")}
        </p>
      ) : null}
      {controls}
    </section>
  );
}
