"use client";

import { useTranslations } from "next-intl";
import { Icon, type IconName } from "@/components/shell/icons";
import { TemperatureChart, type TemperaturePoint } from "@/components/printers/temperature-chart";
import { Link } from "@/i18n/navigation";
import { useFormat } from "@/lib/format/use-format";
import type { JobDetailView } from "@/lib/jobs/schemas";
import type { TimelineKind } from "@/lib/jobs/timeline";
import { JobStatusBadge } from "./job-status-badge";

const timelineIcons: Record<TimelineKind, IconName> = {
  started: "play",
  paused: "pause",
  resumed: "play",
  stopRequested: "stop",
  finished: "check",
  failed: "warning",
  cancelled: "cross",
};

/** A finished or running job: facts, the timeline of its state changes, and the temperatures during the print. */
export function JobDetail({ job, points }: { job: JobDetailView; points: TemperaturePoint[] }) {
  const t = useTranslations("jobs.detail");
  const tJobs = useTranslations("jobs");
  const f = useFormat();
  const facts: [string, React.ReactNode][] = [
    [t("printer"), <Link key="p" href={`/printers/${job.printerId}`} className="text-brand-700 hover:underline dark:text-brand-100">{job.printerName}</Link>],
    [t("status"), <JobStatusBadge key="s" status={job.status} />],
    [t("file"), job.fileName ?? "–"],
    [t("started"), f.dateTime(job.startedAt)],
    [t("ended"), job.endedAt ? f.dateTime(job.endedAt) : "–"],
    [t("duration"), f.duration(job.durationSeconds)],
    [t("progress"), f.percent(job.progress)],
    [t("layers"), job.layer !== null ? `${job.layer} / ${job.totalLayers ?? "?"}` : "–"],
    [
      t("filament"),
      job.filamentGrams === null && job.endedAt ? (
        <span key="g" data-testid="job-filament-unknown">
          {tJobs("filamentUnknown")} <span className="block text-xs text-amber-800 dark:text-amber-300">{tJobs("filamentUnknownHint")}</span>
        </span>
      ) : (
        f.grams(job.filamentGrams)
      ),
    ],
    [t("errorCode"), job.errorCode ?? "–"],
  ];
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="min-w-0 space-y-6">
        <section aria-labelledby="facts" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <h2 id="facts" className="mb-3 text-lg font-semibold">{t("facts")}</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm" data-testid="job-facts">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
                <dd className="min-w-0 break-words tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="temps" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <h2 id="temps" className="mb-3 text-lg font-semibold">{t("temperatures")}</h2>
          <TemperatureChart points={points} />
        </section>
      </div>
      <section aria-labelledby="timeline" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h2 id="timeline" className="mb-3 text-lg font-semibold">{t("timeline")}</h2>
        <ol className="space-y-3 border-l border-slate-300 pl-4 dark:border-slate-700" data-testid="job-timeline">
          {job.timeline.map((entry) => (
            <li key={`${entry.kind}-${entry.at}`} className="relative" data-kind={entry.kind}>
              <span className="absolute -left-[1.6rem] top-0.5 rounded-full bg-white p-0.5 dark:bg-slate-900">
                <Icon name={timelineIcons[entry.kind]} className="h-4 w-4" />
              </span>
              <p className="text-sm font-medium" data-testid="timeline-label">{t(`events.${entry.kind}`)}</p>
              <p className="text-xs tabular-nums text-slate-600 dark:text-slate-400">
                <time dateTime={entry.at}>{f.dateTime(entry.at)}</time>
              </p>
              {entry.errorCode ? <p className="text-xs text-slate-600 dark:text-slate-400">{t("eventError", { code: entry.errorCode })}</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
