import { db } from "@/lib/db";
import { sampleRanges } from "./schemas";

/** Temperature history for charts: rows of the range averaged into fixed-width buckets. */

const MAX_POINTS = 360;

type Range = keyof typeof sampleRanges;
const fields = ["nozzle", "nozzleTarget", "bed", "bedTarget", "chamber"] as const;
type Field = (typeof fields)[number];

export interface SamplePoint {
  at: string;
  nozzle: number | null;
  nozzleTarget: number | null;
  bed: number | null;
  bedTarget: number | null;
  chamber: number | null;
}

export function bucketSecondsFor(range: Range): number {
  return Math.max(10, Math.ceil(sampleRanges[range] / 1000 / MAX_POINTS / 10) * 10);
}

export async function readSamples(printerId: string, range: Range, now = new Date()): Promise<{ bucketSeconds: number; samples: SamplePoint[] }> {
  const since = new Date(now.getTime() - sampleRanges[range]);
  const rows = await db.temperatureSample.findMany({
    where: { printerId, at: { gte: since } },
    orderBy: { at: "asc" },
    select: { at: true, nozzle: true, nozzleTarget: true, bed: true, bedTarget: true, chamber: true },
  });
  const bucketSeconds = bucketSecondsFor(range);
  const bucketMs = bucketSeconds * 1000;
  const buckets = new Map<number, { sums: Record<Field, number>; counts: Record<Field, number> }>();
  for (const row of rows) {
    const key = Math.floor(row.at.getTime() / bucketMs) * bucketMs;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = { sums: { nozzle: 0, nozzleTarget: 0, bed: 0, bedTarget: 0, chamber: 0 }, counts: { nozzle: 0, nozzleTarget: 0, bed: 0, bedTarget: 0, chamber: 0 } };
      buckets.set(key, bucket);
    }
    for (const field of fields) {
      const value = row[field];
      if (value === null) continue;
      bucket.sums[field] += value;
      bucket.counts[field] += 1;
    }
  }
  const average = (b: { sums: Record<Field, number>; counts: Record<Field, number> }, f: Field) =>
    b.counts[f] === 0 ? null : Math.round((b.sums[f] / b.counts[f]) * 10) / 10;
  const samples = [...buckets.entries()].map(([key, b]) => ({
    at: new Date(key).toISOString(),
    nozzle: average(b, "nozzle"),
    nozzleTarget: average(b, "nozzleTarget"),
    bed: average(b, "bed"),
    bedTarget: average(b, "bedTarget"),
    chamber: average(b, "chamber"),
  }));
  return { bucketSeconds, samples };
}
