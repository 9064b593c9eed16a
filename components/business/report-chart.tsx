"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useFormat } from "@/lib/format/use-format";

export interface ChartPoint {
  label: string;
  /** Euros for display only; the figures in tables come from cents. */
  net: number;
  vat: number;
}

/** Net and VAT per month as stacked bars. */
export function ReportChart({ points, netLabel, vatLabel, title }: { points: ChartPoint[]; netLabel: string; vatLabel: string; title: string }) {
  const f = useFormat();
  return (
    <figure className="h-64 w-full" data-testid="report-chart" aria-label={title}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis />
          <Tooltip formatter={(value) => (typeof value === "number" ? f.fixed(value, 2) : String(value))} />
          <Legend />
          <Bar dataKey="net" name={netLabel} stackId="money" fill="#2563eb" isAnimationActive={false} />
          <Bar dataKey="vat" name={vatLabel} stackId="money" fill="#93c5fd" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
