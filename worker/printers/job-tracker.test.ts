import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { emptyState, type NormalizedState } from "@/lib/printers/types";
import { JobTracker } from "./job-tracker";

/** The tracker keeps each status change of a job as a JobStateChange row and announces pauses and resumes. */

let cleanup: () => Promise<void>;
let printerId: string;

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  printerId = (await db.printer.create({ data: { name: "Core One", kind: "prusalink", host: "127.0.0.1", model: "Core One", credentials: "{}" } })).id;
});
afterAll(() => cleanup());

function state(name: NormalizedState["state"], progress: number, printerJobId = "42"): NormalizedState {
  return { ...emptyState(), online: true, state: name, progress, printerJobId, jobName: "Clip", fileName: "/usb/CLIP.BGC" };
}

const noop = { started: async () => {}, closed: async () => {} };

async function changesOf(jobId: string) {
  const rows = await db.jobStateChange.findMany({ where: { jobId }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ status: r.status, at: r.at.toISOString(), errorCode: r.errorCode }));
}

describe("job state changes", () => {
  it("records start, pause, resume and the end with the printer's times", async () => {
    let now = Date.parse("2026-03-05T09:00:00Z");
    const tracker = new JobTracker(printerId, noop, { progressWriteMs: 60_000, now: () => now });
    await tracker.load();
    await tracker.observe(state("printing", 10));
    const jobId = tracker.current()?.id ?? "";
    now += 60_000;
    await tracker.observe(state("printing", 12));
    now += 60_000;
    await tracker.observe(state("paused", 12));
    now += 60_000;
    await tracker.observe(state("paused", 12));
    now += 60_000;
    await tracker.observe(state("printing", 13));
    now += 60_000;
    await tracker.observe({ ...state("failed", 20), errors: [{ code: "0x0300400C", severity: "error", messageKey: null, text: null }] });

    expect(await changesOf(jobId)).toEqual([
      // The printer reports no elapsed time, so the job starts when it was first seen.
      { status: "started", at: "2026-03-05T09:00:00.000Z", errorCode: null },
      { status: "paused", at: "2026-03-05T09:02:00.000Z", errorCode: null },
      { status: "resumed", at: "2026-03-05T09:04:00.000Z", errorCode: null },
      { status: "failed", at: "2026-03-05T09:05:00.000Z", errorCode: "0x0300400C" },
    ]);
    const announced = await db.event.findMany({ where: { type: "job.state", printerId }, orderBy: { id: "asc" } });
    expect(announced.map((e) => JSON.parse(e.payload).status)).toEqual(["paused", "resumed"]);
  });

  it("records a print it had closed and sees running again as resumed", async () => {
    let now = Date.parse("2026-03-06T09:00:00Z");
    const tracker = new JobTracker(printerId, noop, { progressWriteMs: 0, now: () => now });
    await tracker.load();
    await tracker.observe(state("printing", 30, "43"));
    const jobId = tracker.current()?.id ?? "";
    now += 60_000;
    await tracker.observe(state("idle", 30, "43"));
    now += 60_000;
    await tracker.observe(state("printing", 35, "43"));
    expect((await changesOf(jobId)).map((c) => c.status)).toEqual(["started", "failed", "resumed"]);
    expect(tracker.current()?.id).toBe(jobId);
  });
});
