"use client";

import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import type { JobSortKey, JobView } from "@/lib/jobs/schemas";
import { useFormat } from "@/lib/format/use-format";
import { JobStatusBadge } from "./job-status-badge";

/** Sorting on the server: headers link to the same list in another order, keeping the filters. */
export interface JobsSorting {
  sort: JobSortKey;
  order: "asc" | "desc";
  params: Record<string, string>;
}

function SortHeader({ label, column, sorting, align }: { label: string; column: JobSortKey; sorting?: JobsSorting; align?: "right" }) {
  const t = useTranslations("jobs");
  const className = `px-3${align === "right" ? " text-right" : ""}`;
  if (!sorting) return <th scope="col" className={className}>{label}</th>;
  const active = sorting.sort === column;
  const next = active && sorting.order === "desc" ? "asc" : "desc";
  return (
    <th scope="col" className={className} aria-sort={active ? (sorting.order === "asc" ? "ascending" : "descending") : "none"}>
      <Link
        href={{ pathname: "/jobs", query: { ...sorting.params, sort: column, order: next } }}
        className="inline-flex items-center gap-1 hover:underline"
        data-testid={`jobs-sort-${column}`}
      >
        {label}
        <span aria-hidden="true">{active ? (sorting.order === "asc" ? "▲" : "▼") : "↕"}</span>
        <span className="sr-only">{t(next === "asc" ? "sortAscending" : "sortDescending")}</span>
      </Link>
    </th>
  );
}

/** Jobs as a table; `showPrinter` is off on a printer's own page, `sorting` only on the history. */
export function JobsTable({
  jobs,
  showPrinter = true,
  caption,
  sorting,
}: {
  jobs: JobView[];
  showPrinter?: boolean;
  caption: string;
  sorting?: JobsSorting;
}) {
  const t = useTranslations("jobs");
  const f = useFormat();
  if (jobs.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="jobs-empty">{t("empty")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="jobs-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="text-left text-xs text-slate-600 dark:text-slate-400">
          <tr className="h-9">
            <SortHeader label={t("columns.name")} column="name" sorting={sorting} />
            {showPrinter ? <th scope="col" className="px-3">{t("columns.printer")}</th> : null}
            <SortHeader label={t("columns.status")} column="status" sorting={sorting} />
            <SortHeader label={t("columns.started")} column="startedAt" sorting={sorting} />
            <SortHeader label={t("columns.duration")} column="durationSeconds" sorting={sorting} align="right" />
            <SortHeader label={t("columns.progress")} column="progress" sorting={sorting} align="right" />
            <SortHeader label={t("columns.filament")} column="filamentGrams" sorting={sorting} align="right" />
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
