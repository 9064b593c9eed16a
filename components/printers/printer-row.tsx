"use client";

import { useTranslations } from "next-intl";
import { memo } from "react";
import { Link } from "@/i18n/navigation";
import { useFormat } from "@/lib/format/use-format";
import { useLivePrinter } from "./fleet-provider";
import { liveValues } from "./live-values";
import { StateBadge } from "./state-badge";
import { TemperatureValue } from "./temperature-line";

/** A printer in the compact list. */
export const PrinterRow = memo(function PrinterRow({ id, alertCount }: { id: string; alertCount: number }) {
  const printer = useLivePrinter(id);
  const t = useTranslations("printers.live");
  const f = useFormat();
  if (!printer) return null;
  const { state, data, active, reportedAt, disabled } = liveValues(printer);
  return (
    <tr data-testid="printer-row" data-printer-id={printer.id} data-state={state} className="h-11 border-t border-slate-200 dark:border-slate-800">
      <th scope="row" className="max-w-[12rem] truncate px-3 text-left font-medium">
        <Link href={`/printers/${printer.id}`} className="text-brand-700 hover:underline dark:text-brand-100">
          {printer.name}
        </Link>
      </th>
      <td className="px-3"><StateBadge state={state} disabled={disabled} /></td>
      <td className="max-w-[16rem] min-w-[8rem] truncate px-3" title={active ? (data.jobName ?? undefined) : undefined}>
        {active ? data.jobName : null}
      </td>
      <td className="whitespace-nowrap px-3 text-right tabular-nums">{active ? f.percent(data.progress) : null}</td>
      <td className="whitespace-nowrap px-3 text-right tabular-nums">{active ? f.duration(data.remainingSeconds) : null}</td>
      <td className="whitespace-nowrap px-3 text-right tabular-nums">
        {active && data.remainingSeconds !== null && reportedAt ? f.eta(reportedAt, data.remainingSeconds) : null}
      </td>
      <td className="whitespace-nowrap px-3 text-right"><TemperatureValue {...data.nozzle} /></td>
      <td className="whitespace-nowrap px-3 text-right"><TemperatureValue {...data.bed} /></td>
      <td className="whitespace-nowrap px-3 text-right tabular-nums">{alertCount > 0 ? t("alertCount", { count: alertCount }) : null}</td>
    </tr>
  );
});
