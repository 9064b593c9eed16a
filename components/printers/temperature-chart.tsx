"use client";

import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFormat } from "@/lib/format/use-format";

export interface TemperaturePoint {
  t: number;
  nozzle: number | null;
  nozzleTarget: number | null;
  bed: number | null;
  bedTarget: number | null;
  chamber: number | null;
}

const series = [
  { key: "nozzle", color: "#dc2626", dash: undefined },
  { key: "nozzleTarget", color: "#dc2626", dash: "4 4" },
  { key: "bed", color: "#2563eb", dash: undefined },
  { key: "bedTarget", color: "#2563eb", dash: "4 4" },
  { key: "chamber", color: "#059669", dash: undefined },
] as const;

/** Temperatures over time; targets dashed, so the lines differ by more than colour. */
export function TemperatureChart({ points, withDate = false }: { points: TemperaturePoint[]; withDate?: boolean }) {
  const t = useTranslations("printers.chart");
  const f = useFormat();
  const latest = points.at(-1);
  const spanMs = points.length > 1 ? points[points.length - 1].t - points[0].t : 0;
  const tick = (v: number) => (withDate ? f.dateTime(new Date(v)) : f.time(new Date(v), spanMs < 15 * 60_000));
  return (
    <figure data-testid="temperature-chart" data-points={points.length}>
      <figcaption className="sr-only">
        {t("caption")}
        {latest ? ` ${t("latest", { nozzle: f.temperature(latest.nozzle), bed: f.temperature(latest.bed) })}` : ""}
      </figcaption>
      {points.length === 0 ? (
        <p className="flex h-64 items-center justify-center text-sm text-slate-600 dark:text-slate-400">{t("empty")}</p>
      ) : (
        <div className="h-64 w-full" aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" stroke="#94a3b8" strokeOpacity={0.3} />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={["dataMin", "dataMax"]}
                tickFormatter={tick}
                tick={{ fontSize: 12, fill: "currentColor" }}
                minTickGap={40}
              />
              <YAxis unit=" °C" width={64} tick={{ fontSize: 12, fill: "currentColor" }} />
              <Tooltip
                labelFormatter={(v) => f.dateTime(new Date(Number(v)))}
                formatter={(value) => (typeof value === "number" ? f.temperature(value) : "–")}
                contentStyle={{ color: "#0f172a" }}
              />
              <Legend />
              {series.map((s) => (
                <Line
                  key={s.key}
                  dataKey={s.key}
                  name={t(s.key)}
                  stroke={s.color}
                  strokeDasharray={s.dash}
                  strokeWidth={s.dash ? 1.5 : 2}
                  dot={false}
                  isAnimationActive={false}
                  connectNulls
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
