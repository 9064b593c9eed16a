"use client";

import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import type { JobView } from "@/lib/jobs/schemas";
import { useFormat } from "@/lib/format/use-format";
import { JobStatusBadge } from "./job-status-badge";

/** Jobs as a table; `showPrinter` is off on a printer's own page. */
export function JobsTable({ jobs, showPrinter = true, caption }: { jobs: JobView[]; showPrinter?: boolean; caption: string }) {
  const t = useTranslations("jobs");
  const f = useFormat();
  if (jobs.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="jobs-empty">{t("empty")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="jobs-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-left text-xs text-slate-600 dark:text-slate-400">
          <tr className="h-9">
            <th scope="col" className="px-3">{t("columns.name")}</th>
            {showPrinter ? <th scope="col" className="px-3">{t("columns.printer")}</th> : null}
            <th scope="col" className="px-3">{t("columns.status")}</th>
            <th scope="col" className="px-3">{t("columns.started")}</th>
            <th scope="col" className="px-3 text-right">{t("columns.duration")}</th>
            <th scope="col" className="px-3 text-right">{t("columns.progress")}</th>
            <th scope="col" className="px-3 text-right">{t("columns.filament")}</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} data-testid="job-row" data-job-id={job.id} className="h-10 border-t border-slate-200 dark:border-slate-800">
              <th scope="row" className="max-w-[18rem] truncate px-3 text-left font-medium">
                <Link href={`/jobs/${job.id}`} className="text-brand-700 hover:underline dark:text-brand-100">
                  {job.name}
                </Link>
              </th>
              {showPrinter ? <td className="px-3">{job.printerName}</td> : null}
              <td className="px-3"><JobStatusBadge status={job.status} /></td>
              <td className="whitespace-nowrap px-3 tabular-nums">{f.dateTime(job.startedAt)}</td>
              <td className="whitespace-nowrap px-3 text-right tabular-nums">{f.duration(job.durationSeconds)}</td>
              <td className="px-3 text-right tabular-nums">{f.percent(job.progress)}</td>
              <td className="whitespace-nowrap px-3 text-right tabular-nums">{f.grams(job.filamentGrams)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
