"use client";

import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { formatCents } from "@/lib/business/money/money";
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

/**
 * Jobs as a table; `showPrinter` is off on a printer's own page, `sorting` only on the
 * history. `grossCents` (job id → gross cost in force) adds the cost column for users
 * who may see prices. An ended job without a filament figure says "unknown" with a hint,
 * so its material cost is not read as 0 €. `showCustomer` adds customer and order for users
 * who may see them.
 */
export function JobsTable({
  jobs,
  showPrinter = true,
  caption,
  sorting,
  grossCents,
  showCustomer = false,
  reprint = false,
}: {
  jobs: JobView[];
  showPrinter?: boolean;
  caption: string;
  sorting?: JobsSorting;
  grossCents?: Record<string, number>;
  showCustomer?: boolean;
  /** A "Print again" link per ended job (to the job page, which opens the dialog). */
  reprint?: boolean;
}) {
  const t = useTranslations("jobs");
  const tq = useTranslations("queueUi.reprint");
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
            {sorting && showCustomer ? <th scope="col" className="px-3">{t("columns.customer")}</th> : null}
            {grossCents ? <th scope="col" className="px-3 text-right">{t("columns.gross")}</th> : null}
            {reprint ? <th scope="col" className="px-3"><span className="sr-only">{tq("button")}</span></th> : null}
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
              <td className="whitespace-nowrap px-3 text-right tabular-nums">
                {job.filamentGrams === null && job.endedAt ? (
                  <span title={t("filamentUnknownHint")} data-testid="job-filament-unknown" className="text-amber-800 dark:text-amber-300">
                    {t("filamentUnknown")}
                  </span>
                ) : (
                  f.grams(job.filamentGrams)
                )}
              </td>
              {sorting && showCustomer ? (
                <td className="max-w-[14rem] truncate px-3" data-testid="job-customer">
                  {job.customer ?? ""}
                  {job.orderReference ? <span className="text-slate-500 dark:text-slate-400"> · {job.orderReference}</span> : null}
                </td>
              ) : null}
              {grossCents ? (
                <td className="whitespace-nowrap px-3 text-right tabular-nums" data-testid="job-gross">
                  {grossCents[job.id] === undefined ? "–" : formatCents(grossCents[job.id], f.locale === "en" ? "en" : "de-DE")}
                </td>
              ) : null}
              {reprint ? (
                <td className="whitespace-nowrap px-3 text-right">
                  {job.endedAt ? (
                    <Link href={`/jobs/${job.id}?reprint=1`} className="text-brand-700 hover:underline dark:text-brand-100" aria-label={tq("buttonNamed", { name: job.name })} data-testid="job-reprint">
                      {tq("button")}
                    </Link>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
