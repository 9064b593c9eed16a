"use client";

import { useTranslations } from "next-intl";
import { Icon } from "@/components/shell/icons";
import { Link } from "@/i18n/navigation";
import type { QueueItemView } from "@/lib/queue/schemas";
import { QueueStatusBadge } from "./queue-status-badge";

/**
 * One queue item as a card: thumbnail, file, plate, target, copy of its batch, status,
 * the failure or why no printer fits, estimated start and finish, the business fields
 * the caller may see (null for viewers), and the actions given by the list.
 */
export function QueueItemCard({
  item,
  copy,
  format,
  actions,
}: {
  item: QueueItemView;
  copy: { index: number; count: number } | null;
  format: (value: string | null) => string;
  actions: React.ReactNode;
}) {
  const t = useTranslations("queueUi");
  const target = item.assignedPrinter
    ? t("assigned", { printer: item.assignedPrinter.name })
    : (item.target.printerName ?? (item.target.model ? t("anyPrinterOfModel", { model: item.target.model }) : t("anyPrinter")));
  const unfit = item.fit && !item.fit.ok ? item.fit.reasons : [];
  return (
    <article className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm sm:flex-row sm:items-start dark:border-slate-800 dark:bg-slate-900" aria-label={item.file.name}>
      <div className="flex min-w-0 flex-1 gap-3">
        <div className="flex w-8 shrink-0 flex-col items-center pt-1 text-sm font-semibold tabular-nums text-slate-500 dark:text-slate-400" data-testid="queue-position">
          {item.position > 0 && !["done", "failed", "cancelled"].includes(item.status) ? item.position : null}
        </div>
        {item.file.thumbnailUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- thumbnails come from our own API, sized by CSS
          <img src={item.file.thumbnailUrl} alt={t("thumbnailAlt", { name: item.file.name })} className="h-16 w-16 shrink-0 rounded-md border border-slate-200 bg-slate-50 object-contain dark:border-slate-700 dark:bg-slate-800" />
        ) : (
          <div aria-hidden="true" className="flex h-16 w-16 shrink-0 items-center justify-center rounded-md border border-slate-200 bg-slate-50 text-slate-400 dark:border-slate-700 dark:bg-slate-800">
            <Icon name="files" className="h-7 w-7" />
          </div>
        )}
        <div className="min-w-0 flex-1 space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="truncate font-medium" title={item.file.name} data-testid="queue-file-name">
              {item.file.name}
            </h3>
            <QueueStatusBadge status={item.status} />
          </div>
          <p className="flex flex-wrap gap-x-3 gap-y-0.5 text-sm text-slate-700 dark:text-slate-300">
            <span data-testid="queue-target">{target}</span>
            {item.plate ? <span>{t("plate", { plate: item.plate })}</span> : null}
            {copy ? <span data-testid="queue-copy">{t("copy", copy)}</span> : null}
          </p>
          <dl className="flex flex-col gap-x-5 text-xs text-slate-600 sm:flex-row dark:text-slate-400">
            <div className="flex gap-1.5">
              <dt>{t("estimatedStart")}</dt>
              <dd className="tabular-nums" data-testid="queue-start">
                {format(item.estimatedStart)}
              </dd>
            </div>
            <div className="flex gap-1.5">
              <dt>{t("estimatedFinish")}</dt>
              <dd className="tabular-nums" data-testid="queue-finish">
                {format(item.estimatedFinish)}
              </dd>
            </div>
          </dl>
          {item.failure ? (
            <p className="text-sm text-red-800 dark:text-red-300" data-testid="queue-failure">
              <span className="font-medium">{t("failure")}:</span> {item.failure.message}
            </p>
          ) : null}
          {unfit.length > 0 ? (
            <div className="text-sm text-amber-900 dark:text-amber-200" data-testid="queue-unfit">
              <span className="font-medium">{t("noFit")}</span>
              <ul className="list-inside list-disc">
                {unfit.map((reason) => (
                  <li key={`${reason.code}-${reason.printerId ?? ""}`}>{reason.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <p className="flex flex-wrap gap-x-3 text-xs text-slate-600 dark:text-slate-400">
            {item.customer ? (
              <span data-testid="queue-customer">
                {t("customer")}: {item.customer}
              </span>
            ) : null}
            {item.orderReference ? (
              <span>
                {t("orderReference")}: {item.orderReference}
              </span>
            ) : null}
            {!item.businessUse ? <span>{t("private")}</span> : null}
            {item.note ? (
              <span>
                {t("note")}: {item.note}
              </span>
            ) : null}
            {item.jobId ? (
              <Link href={`/jobs/${item.jobId}`} className="text-brand-700 underline dark:text-brand-100" data-testid="queue-job">
                {t("job")}
              </Link>
            ) : null}
          </p>
        </div>
      </div>
      {actions ? (
        <div role="group" aria-label={t("actions.label", { name: item.file.name })} className="flex flex-wrap items-center gap-2 sm:justify-end">
          {actions}
        </div>
      ) : null}
    </article>
  );
}
