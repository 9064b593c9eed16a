"use client";

import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { useSamples, type SampleRange } from "@/lib/client/use-printers";
import { useFleet } from "./fleet-provider";
import { TemperatureChart, type TemperaturePoint } from "./temperature-chart";

const ranges: SampleRange[] = ["1h", "24h", "7d"];
const LIVE_POINTS_MAX = 3_600;

/** History from the samples API, with the live values of the event stream appended as they arrive. */
export function LiveTemperatureChart({ printerId }: { printerId: string }) {
  const t = useTranslations("printers.chart");
  const [range, setRange] = useState<SampleRange>("1h");
  const { samples } = useSamples(printerId, range);
  const store = useFleet();
  const [live, setLive] = useState<TemperaturePoint[]>([]);

  useEffect(
    () =>
      store.subscribe(printerId, () => {
        const status = store.get(printerId)?.live;
        const data = status?.data;
        if (!data || !status.lastMessageAt || data.nozzle.current === null) return;
        const point: TemperaturePoint = {
          t: new Date(status.lastMessageAt).getTime(),
          nozzle: data.nozzle.current,
          nozzleTarget: data.nozzle.target,
          bed: data.bed.current,
          bedTarget: data.bed.target,
          chamber: data.chamber.current,
        };
        setLive((prev) => (prev.at(-1)?.t === point.t ? prev : [...prev.slice(-LIVE_POINTS_MAX + 1), point]));
      }),
    [store, printerId],
  );

  const points = useMemo(() => {
    const history: TemperaturePoint[] = (samples ?? []).map((s) => ({
      t: new Date(s.at).getTime(),
      nozzle: s.nozzle,
      nozzleTarget: s.nozzleTarget,
      bed: s.bed,
      bedTarget: s.bedTarget,
      chamber: s.chamber,
    }));
    const last = history.at(-1)?.t ?? 0;
    return [...history, ...live.filter((p) => p.t > last)];
  }, [samples, live]);

  return (
    <section aria-labelledby="chart-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="chart-heading" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <div role="group" aria-label={t("range")} className="flex overflow-hidden rounded-md border border-slate-300 dark:border-slate-700">
          {ranges.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={range === r}
              data-testid={`chart-range-${r}`}
              onClick={() => setRange(r)}
              className={`px-3 py-1 text-sm ${range === r ? "bg-brand-600 text-white" : "bg-white hover:bg-slate-100 dark:bg-slate-900 dark:hover:bg-slate-800"}`}
            >
              {t(`ranges.${r}`)}
            </button>
          ))}
        </div>
      </div>
      <TemperatureChart points={points} withDate={range === "7d"} />
    </section>
  );
}
