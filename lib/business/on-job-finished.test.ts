import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { emptyState, type NormalizedState } from "@/lib/printers/types";
import { JobTracker } from "@/worker/printers/job-tracker";

/** The worker's job tracker prices a job the moment the printer reports it finished. */

let cleanup: () => Promise<void>;
let printerId: string;

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  printerId = (await db.printer.create({ data: { name: "Core One", kind: "prusalink", host: "127.0.0.1", model: "Core One", credentials: "{}" } })).id;
  const material = await db.material.create({ data: { type: "PETG", brand: "Prusament", color: "Orange", diameterMm: "1.75", pricePerKgCents: 2990 } });
  await db.spool.create({ data: { materialId: material.id, initialGrams: 1000, remainingGrams: 1000, printerId, slot: "tool0" } });
});
afterAll(() => cleanup());

function state(name: NormalizedState["state"], progress: number): NormalizedState {
  return { ...emptyState(), online: true, state: name, progress, printerJobId: "117", jobName: "Shape-Box", fileName: "/usb/SHAPE-~1.BGC" };
}

describe("job end hook", () => {
  it("stores the cost of a job the tracker closes", async () => {
    let now = Date.parse("2026-03-05T09:00:00Z");
    const closed: string[] = [];
    const tracker = new JobTracker(printerId, { started: async () => {}, closed: async (job) => void closed.push(job.id) }, { progressWriteMs: 0, now: () => now });
    await tracker.load();
    await tracker.observe(state("printing", 10));
    now += 3_600_000;
    await tracker.observe(state("finished", 100));
    expect(closed).toHaveLength(1);
    const cost = await db.jobCost.findUniqueOrThrow({ where: { jobId: closed[0] } });
    // No file metadata here, so no grams: energy 120 W × 1 h × 35 ct and one machine hour at 50 ct (the defaults).
    expect(cost).toMatchObject({ netCents: 54, vatCents: 10, grossCents: 64, treatment: "vat", priceVersion: "default", periodYear: 2026, periodMonth: 3 });
  });
});
