"use client";

import { useLocale, useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { useQueue } from "@/lib/client/use-queue";
import { formatDateTime, formatTime } from "@/lib/format/date";
import type { PrinterView } from "@/lib/printers/schemas";
import { openQueueStatuses, type QueueItemView } from "@/lib/queue/schemas";
import { bedNeedsClearing } from "./bed-callout";

/**
 * The open items that will print on this printer: those sent or targeted to it, then
 * those for any printer that fits which name no reason against it. In queue order.
 */
export function nextItemsFor(printerId: string, items: readonly QueueItemView[]): QueueItemView[] {
  const open = items.filter((i) => openQueueStatuses.includes(i.status) && i.status !== "printing" && i.status !== "paused");
  const mine = open.filter((i) => i.assignedPrinter?.id === printerId || i.target.printerId === printerId);
  const anywhere = open.filter(
    (i) => !i.assignedPrinter && !i.target.printerId && !(i.fit?.reasons ?? []).some((r) => r.printerId === printerId) && !i.skippedPrinterIds.includes(printerId),
  );
  return [...mine, ...anywhere].sort((a, b) => a.position - b.position);
}

/** What comes next on a printer from the queue, and when: one line on the card, a short list on the printer page. */
export function NextInQueue({ printer, size }: { printer: PrinterView; size: "card" | "page" }) {
  const t = useTranslations("queueUi.next");
  const locale = useLocale();
  const { queue } = useQueue();
  if (!queue) return null;
  const next = nextItemsFor(printer.id, queue.items);
  const waitsForBed = bedNeedsClearing(printer);
  const when = (item: QueueItemView) =>
    waitsForBed ? t("afterBed") : item.estimatedStart ? t("startAt", { time: size === "card" ? formatTime(locale, item.estimatedStart) : formatDateTime(locale, item.estimatedStart) }) : null;
  if (size === "card") {
    const first = next[0];
    return (
      <p className="flex h-5 min-w-0 gap-1 truncate text-xs text-slate-700 dark:text-slate-300" data-testid="printer-next">
        {first ? (
          <>
            <span className="shrink-0 font-semibold">{t("title")}:</span>
            <Link href="/queue" className="max-w-[60%] shrink-0 truncate hover:underline" title={first.file.name}>
              {first.file.name}
            </Link>
            {when(first) ? (
              <span className="min-w-0 truncate text-slate-600 dark:text-slate-400" title={when(first) ?? undefined}>
                · {when(first)}
              </span>
            ) : null}
            {next.length > 1 ? <span className="shrink-0 text-slate-600 dark:text-slate-400">{t("more", { count: next.length - 1 })}</span> : null}
          </>
        ) : null}
      </p>
    );
  }
  return (
    <section aria-labelledby={`next-${printer.id}`} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900" data-testid="printer-next">
      <h2 id={`next-${printer.id}`} className="mb-2 text-lg font-semibold">
        {t("title")}
      </h2>
      {next.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("none")}</p>
      ) : (
        <ol className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
          {next.slice(0, 5).map((item) => (
            <li key={item.id} className="flex flex-wrap justify-between gap-x-3 py-1.5" data-testid="printer-next-item">
              <Link href="/queue" className="min-w-0 truncate font-medium hover:underline">
                {item.file.name}
              </Link>
              <span className="text-slate-600 dark:text-slate-400">{when(item)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
