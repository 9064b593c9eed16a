"use client";

import { useTranslations } from "next-intl";
import { useMemo, useRef, useState } from "react";
import { Icon, type IconName } from "@/components/shell/icons";
import { useFleet, useFleetVersion } from "@/components/printers/fleet-provider";
import { liveValues } from "@/components/printers/live-values";
import { PrinterCard } from "@/components/printers/printer-card";
import { PrinterRow } from "@/components/printers/printer-row";
import { PrinterTile } from "@/components/printers/printer-tile";
import { summaryGroup } from "@/components/printers/state-style";
import { fleetViews, groupOrAll, summaryGroups as groups, type FleetFilters, type FleetViewMode } from "./fleet-filters";
import type { AlertView } from "@/lib/alerts/schemas";
import { Link } from "@/i18n/navigation";

const viewIcons: Record<FleetViewMode, IconName> = { cards: "grid", list: "list", wall: "wall" };

/** Keeps the choice in the address, so a wall screen can be bookmarked in wall mode. */
function writeUrl(filters: FleetFilters): void {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(filters)) {
    if (value && !(key === "view" && value === "cards")) url.searchParams.set(key, value);
    else url.searchParams.delete(key);
  }
  window.history.replaceState(null, "", url);
}

export function FleetView({ initialFilters, alerts, canManage, canControl }: { initialFilters: FleetFilters; alerts: AlertView[]; canManage: boolean; canControl: boolean }) {
  const t = useTranslations("dashboard");
  const store = useFleet();
  useFleetVersion();
  const [filters, setFilters] = useState(initialFilters);
  const wallRef = useRef<HTMLDivElement>(null);

  const update = (patch: Partial<FleetFilters>) => {
    const next = { ...filters, ...patch };
    setFilters(next);
    writeUrl(next);
  };

  const alertsByPrinter = useMemo(() => {
    const map = new Map<string, AlertView[]>();
    for (const alert of alerts) {
      if (!alert.printerId) continue;
      map.set(alert.printerId, [...(map.get(alert.printerId) ?? []), alert]);
    }
    return map;
  }, [alerts]);

  const all = store.all();
  const locations = [...new Set(all.map((p) => p.location).filter((l): l is string => Boolean(l)))].sort();
  const visible = all.filter(
    (p) => (!filters.state || summaryGroup(liveValues(p)) === filters.state) && (!filters.location || p.location === filters.location),
  );
  const none: AlertView[] = [];

  const fullscreen = () => {
    void wallRef.current?.requestFullscreen?.().catch(() => undefined);
  };

  return (
    <section aria-labelledby="fleet-heading" className="min-w-0">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <h2 id="fleet-heading" className="text-lg font-semibold">
          {t("printersTitle")} <span className="text-sm font-normal text-slate-600 dark:text-slate-400">({t("shown", { shown: visible.length, total: all.length })})</span>
        </h2>
        <div className="flex flex-wrap items-end gap-3">
          <label className="text-sm">
            <span className="block text-xs font-medium text-slate-600 dark:text-slate-400">{t("filterState")}</span>
            <select
              data-testid="filter-state"
              value={filters.state}
              onChange={(e) => update({ state: groupOrAll(e.target.value) })}
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
            >
              <option value="">{t("allStates")}</option>
              {groups.map((g) => (
                <option key={g} value={g}>
                  {t(`summary.${g}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="block text-xs font-medium text-slate-600 dark:text-slate-400">{t("filterLocation")}</span>
            <select
              data-testid="filter-location"
              value={filters.location}
              onChange={(e) => update({ location: e.target.value })}
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
            >
              <option value="">{t("allLocations")}</option>
              {locations.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <div role="group" aria-label={t("viewLabel")} className="flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
            {fleetViews.map((v) => (
              <button
                key={v}
                type="button"
                data-testid={`view-${v}`}
                aria-pressed={filters.view === v}
                onClick={() => update({ view: v })}
                className={`inline-flex items-center gap-1.5 px-3 py-1.5 text-sm ${filters.view === v ? "bg-brand-600 text-white" : "bg-white hover:bg-slate-100 dark:bg-slate-900 dark:hover:bg-slate-800"}`}
              >
                <Icon name={viewIcons[v]} />
                {t(`views.${v}`)}
              </button>
            ))}
          </div>
        </div>
      </div>

      {all.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 p-8 text-center dark:border-slate-700" data-testid="fleet-empty">
          <p className="font-medium">{t("noPrinters")}</p>
          {canManage ? (
            <Link href="/printers/new" className="mt-3 inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
              <Icon name="plus" /> {t("addPrinter")}
            </Link>
          ) : null}
        </div>
      ) : filters.view === "list" ? (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-sm" data-testid="fleet-list">
            <caption className="sr-only">{t("printersTitle")}</caption>
            <thead className="whitespace-nowrap text-left text-xs text-slate-600 dark:text-slate-400">
              <tr className="h-9">
                <th scope="col" className="px-3">{t("columns.name")}</th>
                <th scope="col" className="px-3">{t("columns.state")}</th>
                <th scope="col" className="px-3">{t("columns.job")}</th>
                <th scope="col" className="px-3 text-right">{t("columns.progress")}</th>
                <th scope="col" className="px-3 text-right">{t("columns.remaining")}</th>
                <th scope="col" className="px-3 text-right">{t("columns.eta")}</th>
                <th scope="col" className="px-3 text-right">{t("columns.nozzle")}</th>
                <th scope="col" className="px-3 text-right">{t("columns.bed")}</th>
                <th scope="col" className="px-3 text-right">{t("columns.alerts")}</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((p) => (
                <PrinterRow key={p.id} id={p.id} alertCount={alertsByPrinter.get(p.id)?.length ?? 0} />
              ))}
            </tbody>
          </table>
        </div>
      ) : filters.view === "wall" ? (
        <div ref={wallRef} className="bg-slate-50 dark:bg-slate-950 [&:fullscreen]:overflow-auto [&:fullscreen]:p-4">
          <div className="mb-2 flex justify-end">
            <button
              type="button"
              onClick={fullscreen}
              data-testid="wall-fullscreen"
              className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800"
            >
              <Icon name="expand" /> {t("fullscreen")}
            </button>
          </div>
          <div className="grid grid-cols-[repeat(auto-fill,minmax(15rem,1fr))] gap-2" data-testid="fleet-wall">
            {visible.map((p) => (
              <PrinterTile key={p.id} id={p.id} alertCount={alertsByPrinter.get(p.id)?.length ?? 0} canControl={canControl} />
            ))}
          </div>
        </div>
      ) : (
        <div className="grid grid-cols-[repeat(auto-fill,minmax(19rem,1fr))] gap-4" data-testid="fleet-cards">
          {visible.map((p) => (
            <PrinterCard key={p.id} id={p.id} alerts={alertsByPrinter.get(p.id) ?? none} canControl={canControl} />
          ))}
        </div>
      )}
    </section>
  );
}
