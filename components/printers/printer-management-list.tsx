"use client";

import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import type { PrinterView } from "@/lib/printers/schemas";
import { FleetProvider, useFleet, useFleetVersion } from "./fleet-provider";
import { liveValues } from "./live-values";
import { StateBadge } from "./state-badge";

function Rows() {
  const t = useTranslations("printers");
  const store = useFleet();
  useFleetVersion();
  const printers = store.all();
  if (printers.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="printers-empty">{t("empty")}</p>;
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-sm" data-testid="printers-table">
        <caption className="sr-only">{t("title")}</caption>
        <thead className="text-left text-xs text-slate-600 dark:text-slate-400">
          <tr className="h-9">
            <th scope="col" className="px-3">{t("columns.name")}</th>
            <th scope="col" className="px-3">{t("columns.kind")}</th>
            <th scope="col" className="px-3">{t("columns.location")}</th>
            <th scope="col" className="px-3">{t("columns.address")}</th>
            <th scope="col" className="px-3">{t("columns.state")}</th>
            <th scope="col" className="px-3">{t("columns.enabled")}</th>
          </tr>
        </thead>
        <tbody>
          {printers.map((p) => (
            <tr key={p.id} className="h-11 border-t border-slate-200 dark:border-slate-800" data-testid="printer-list-row">
              <th scope="row" className="px-3 text-left font-medium">
                <Link href={`/printers/${p.id}`} className="text-brand-700 hover:underline dark:text-brand-100">
                  {p.name}
                </Link>
              </th>
              <td className="px-3">{t(`kinds.${p.kind}`)} · {p.model}</td>
              <td className="px-3">{p.location ?? "–"}</td>
              <td className="px-3 font-mono text-xs">{p.host}</td>
              <td className="px-3"><StateBadge state={liveValues(p).state} disabled={!p.enabled} /></td>
              <td className="px-3">{p.enabled ? t("enabledYes") : t("enabledNo")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PrinterManagementList({ printers }: { printers: PrinterView[] }) {
  return (
    <FleetProvider initial={printers}>
      <Rows />
    </FleetProvider>
  );
}
