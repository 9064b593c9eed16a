"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCents } from "@/lib/business/money/money";
import { useFormat } from "@/lib/format/use-format";

export interface ChartPoint {
  label: string;
  netCents: number;
  vatCents: number;
}

/** Net and VAT per month as stacked bars; the axis and tooltip read in euros like the tables. */
export function ReportChart({ points, netLabel, vatLabel, title }: { points: ChartPoint[]; netLabel: string; vatLabel: string; title: string }) {
  const f = useFormat();
  const euros = (value: unknown) => (typeof value === "number" && Number.isSafeInteger(value) ? formatCents(value, f.locale === "en" ? "en" : "de-DE") : String(value));
  return (
    <figure className="h-64 w-full" data-testid="report-chart" aria-label={title}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 24 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis tickFormatter={euros} allowDecimals={false} width={88} />
          <Tooltip formatter={euros} />
          <Legend />
          <Bar dataKey="netCents" name={netLabel} stackId="money" fill="#2563eb" isAnimationActive={false} />
          <Bar dataKey="vatCents" name={vatLabel} stackId="money" fill="#93c5fd" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
