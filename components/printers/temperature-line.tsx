"use client";

import { useFormat } from "@/lib/format/use-format";

/** "212,5 / 220 °C": the current value with its target where one is set, never broken over lines. */
export function TemperatureValue({ current, target }: { current: number | null; target: number | null }) {
  const f = useFormat();
  if (current === null) return <span className="tabular-nums">–</span>;
  return (
    <span className="whitespace-nowrap tabular-nums">
      {target ? `${f.number(current)} / ${f.temperature(target)}` : f.temperature(current)}
    </span>
  );
}
