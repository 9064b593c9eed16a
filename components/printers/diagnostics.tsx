"use client";

import { useTranslations } from "next-intl";
import { useFormat } from "@/lib/format/use-format";
import { descriptorOf, usesColumn } from "@/lib/printers/registry";
import { useLivePrinter } from "./fleet-provider";
import { usePrinterErrorText } from "./printer-error-text";

/** How the worker's connection to the printer is doing; enough to tell a network problem from a credentials one. */
export function Diagnostics({ id }: { id: string }) {
  const printer = useLivePrinter(id);
  const t = useTranslations("printers.diagnostics");
  const f = useFormat();
  const errorText = usePrinterErrorText();
  if (!printer) return null;
  const live = printer.live;
  const port = printer[descriptorOf(printer.kind).mainPort];
  const rows: [string, React.ReactNode][] = [
    [t("connection"), !printer.enabled ? t("disabled") : live?.online ? t("online") : t("offline")],
    [t("lastMessage"), live?.lastMessageAt ? f.dateTime(live.lastMessageAt) : "–"],
    [t("lastError"), live?.lastError ? errorText(live.lastError) : "–"],
    [t("reconnects"), f.number(live?.reconnects ?? 0)],
    [t("firmware"), live?.data?.firmware ?? "–"],
    [t("address"), `${printer.host}${port ? `:${port}` : ""}`],
    ...(usesColumn(printer.kind, "serial") ? ([[t("serial"), printer.serial ?? "–"]] as [string, string][]) : []),
    ...(usesColumn(printer.kind, "tls") ? ([[t("tls"), printer.tls ? t(`tlsModes.${printer.tls}`) : "–"]] as [string, string][]) : []),
    [t("enabled"), printer.enabled ? t("yes") : t("no")],
  ];
  return (
    <section aria-labelledby="diag-heading" data-testid="diagnostics" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id="diag-heading" className="mb-3 text-lg font-semibold">
        {t("title")}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="min-w-0 break-words">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
