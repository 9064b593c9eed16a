import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { berlinMonthOf, nextBusinessStart } from "../calendar";
import { useTempDatabase } from "@/testing/db/temp-database";
import { emptyState, type NormalizedState } from "@/lib/printers/types";
import { recomputeJobCost, updateJobBusiness } from "../job-fields/job-fields";
import { jobCostPanelData } from "./cost-panel";
import { onJobFinished } from "../on-job-finished";
import { closeMonth } from "./month-close";
import { addRate, rateAt } from "../rates/rates";
import { updateSpool } from "../inventory/inventory";
import { readBusinessSettings, updateBusinessSettings } from "../settings/settings";

let cleanup: () => Promise<void>;
let a1: string;
let pla: string;
let spoolA: string;
let spoolB: string;

function stateWithActive(slot: string): NormalizedState {
  const slots = ["ams0-tray0", "ams0-tray1"].map((id) => ({ id, type: "PLA", color: "#FFFFFF", remainingPercent: 50, active: id === slot }));
  return { ...emptyState(), online: true, state: "finished", filament: slots };
}

async function finishedJob(printerJobId: string, end: Date, grams: number, seconds = 3600): Promise<string> {
  const job = await db.job.create({
    data: {
      printerId: a1,
      printerJobId,
      name: `Part ${printerJobId}`,
      status: "finished",
      startedAt: new Date(end.getTime() - seconds * 1000),
      endedAt: end,
      durationSeconds: seconds,
      filamentGrams: grams,
      progress: 100,
    },
  });
  return job.id;
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  a1 = (await db.printer.create({ data: { name: "A1", kind: "bambu", host: "127.0.0.1", model: "A1", credentials: "{}" } })).id;
  pla = (await db.material.create({ data: { type: "PLA", brand: "Bambu", color: "White", diameterMm: "1.75", pricePerKgCents: 2499 } })).id;
  spoolA = (await db.spool.create({ data: { materialId: pla, initialGrams: 1000, remainingGrams: 1000, printerId: a1, slot: "ams0-tray0" } })).id;
  spoolB = (await db.spool.create({ data: { materialId: pla, initialGrams: 1000, remainingGrams: 200, printerId: a1, slot: "ams0-tray1" } })).id;
  await db.printerStatus.create({ data: { printerId: a1, online: true, state: "finished", data: JSON.stringify(stateWithActive("ams0-tray1")) } });
  await addRate(
    {
      validFrom: "2026-01-01",
      electricityCentsPerKwh: "34.12",
      machineCentsPerHour: "100",
      labourCentsPerHour: "0",
      printerPowerWatts: 100,
      defaultMarkupBp: 1000,
      vatMode: "standard",
      defaultVatRateBp: 1900,
    },
    null,
  );
  await updateBusinessSettings({ lowStockGrams: 150 });
});
afterAll(() => cleanup());

describe("dated rates", () => {
  it("picks the rate of the job's Berlin day and falls back to the default before any rate", async () => {
    expect((await rateAt(new Date("2026-03-01T12:00:00Z"))).electricityCentsPerKwh).toBe("34.12");
    expect((await rateAt(new Date("2025-12-31T12:00:00Z"))).id).toBe("default");
    // 2026-01-01 00:30 Berlin is 2025-12-31 23:30 UTC: already the new rate.
    expect((await rateAt(new Date("2025-12-31T23:30:00Z"))).electricityCentsPerKwh).toBe("34.12");
  });
});

describe("onJobFinished", () => {
  it("deducts the filament from the spool in the active AMS slot, prices the job and raises low stock once", async () => {
    const jobId = await finishedJob("1", new Date("2026-03-10T10:00:00Z"), 60);
    const before = new Date();
    await onJobFinished(jobId);
    const cost = await db.jobCost.findUniqueOrThrow({ where: { jobId } });
    // 60 g × 24.99 €/kg = 149.94 ct → 150; 0.1 kWh × 34.12 = 3.412 → 3; 1 h × 100 = 100; markup 10 % of 253 = 25.3 → 25.
    expect(JSON.parse(cost.lines).map((line: { netCents: number }) => line.netCents)).toEqual([150, 3, 100, 25]);
    expect(cost).toMatchObject({ netCents: 278, vatCents: 53, grossCents: 331, vatRateBp: 1900, treatment: "vat", periodYear: 2026, periodMonth: 3 });
    expect((await db.spool.findUniqueOrThrow({ where: { id: spoolB } })).remainingGrams).toBe(140);
    expect((await db.spool.findUniqueOrThrow({ where: { id: spoolA } })).remainingGrams).toBe(1000);
    const alerts = await db.alert.findMany({ where: { type: "low_stock" } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ printerId: null, subjectId: spoolB, severity: "info", resolvedAt: null, notifiedAt: null });
    expect(JSON.parse(alerts[0].params)).toMatchObject({ spoolId: spoolB, remainingGrams: 140, thresholdGrams: 150, label: "Bambu PLA White" });
    // Held until business hours: the next opening after the moment it was raised. During
    // opening hours that is the moment itself, which lies between the call and the row.
    const notifyAfter = alerts[0].notifyAfter?.getTime() ?? Number.NaN;
    expect(notifyAfter).toBeGreaterThanOrEqual(nextBusinessStart(before).getTime());
    expect(notifyAfter).toBeLessThanOrEqual(nextBusinessStart(alerts[0].createdAt).getTime());

    await onJobFinished(jobId);
    expect((await db.spool.findUniqueOrThrow({ where: { id: spoolB } })).remainingGrams).toBe(140);
    expect(await db.alert.count({ where: { type: "low_stock" } })).toBe(1);
  });

  it("keeps one open low-stock alert while the spool stays low and ends it when the spool is refilled", async () => {
    const settings = await readBusinessSettings();
    const lower = await finishedJob("low-2", new Date("2026-03-11T10:00:00Z"), 20);
    await onJobFinished(lower);
    expect((await db.spool.findUniqueOrThrow({ where: { id: spoolB } })).remainingGrams).toBe(120);
    await updateSpool(spoolB, { remainingGrams: 100 }, settings);
    expect(await db.alert.count({ where: { type: "low_stock", subjectId: spoolB } })).toBe(1);

    await updateSpool(spoolB, { remainingGrams: 1000 }, settings);
    const resolved = await db.alert.findFirstOrThrow({ where: { type: "low_stock", subjectId: spoolB } });
    expect(resolved.resolvedAt).not.toBeNull();

    await updateSpool(spoolB, { remainingGrams: 100 }, settings);
    expect(await db.alert.count({ where: { type: "low_stock", subjectId: spoolB, resolvedAt: null } })).toBe(1);
    await updateSpool(spoolB, { remainingGrams: 200 }, settings);
  });

  it("never throws, even for a job that is still printing", async () => {
    const job = await db.job.create({ data: { printerId: a1, printerJobId: "open", name: "Open", status: "printing", startedAt: new Date() } });
    await expect(onJobFinished(job.id)).resolves.toBeUndefined();
    expect(await db.jobCost.count({ where: { jobId: job.id } })).toBe(0);
  });
});

describe("recompute and month close", () => {
  it("replaces the cost while the month is open and books a correction after it is closed", async () => {
    const jobId = await finishedJob("2", new Date("2026-04-30T21:30:00Z"), 0, 7200);
    await onJobFinished(jobId);
    // 23:30 Berlin on 30 April: April.
    const before = await db.jobCost.findUniqueOrThrow({ where: { jobId } });
    expect(before).toMatchObject({ periodYear: 2026, periodMonth: 4, treatment: "vat" });

    const privateView = await updateJobBusiness(jobId, { businessUse: false, customer: "Muster GmbH" }, null);
    expect(privateView.cost).toMatchObject({ treatment: "private", vatCents: 0 });
    expect(await db.jobCostCorrection.count()).toBe(0);

    await updateJobBusiness(jobId, { businessUse: true }, null);
    await closeMonth({ year: 2026, month: 4 }, null, new Date("2026-05-02T08:00:00Z"));
    await expect(closeMonth({ year: 2026, month: 4 }, null, new Date("2026-05-02T08:00:00Z"))).rejects.toMatchObject({ status: 409 });
    await expect(closeMonth({ year: 2026, month: 5 }, null, new Date("2026-05-02T08:00:00Z"))).rejects.toMatchObject({ status: 409 });

    const booked = await db.jobCost.findUniqueOrThrow({ where: { jobId } });
    const unchanged = await recomputeJobCost(jobId, null);
    expect(unchanged.correctionId).toBeNull();

    const switched = await updateJobBusiness(jobId, { businessUse: false }, null);
    expect(switched.correctionId).not.toBeNull();
    const after = await db.jobCost.findUniqueOrThrow({ where: { jobId } });
    expect(after).toEqual(booked);
    const correction = await db.jobCostCorrection.findUniqueOrThrow({ where: { id: switched.correctionId ?? 0 } });
    expect({ year: correction.periodYear, month: correction.periodMonth }).toEqual(berlinMonthOf(new Date()));
    expect(correction.deltaVatCents).toBe(-booked.vatCents);
    expect(correction.deltaNetCents).toBe(0);
    expect(correction.treatment).toBe("private");

    await expect(updateJobBusiness(jobId, { customer: "Other" }, null)).rejects.toMatchObject({ status: 409 });
    const again = await recomputeJobCost(jobId, null);
    expect(again.correctionId).toBeNull();
  });
});

describe("labour", () => {
  it("prices labour minutes at the labour rate of the job's day and corrects after the month close", async () => {
    const rate = { electricityCentsPerKwh: "34.12", machineCentsPerHour: "100", printerPowerWatts: 100, defaultMarkupBp: 0, vatMode: "standard", defaultVatRateBp: 1900 } as const;
    await addRate({ ...rate, validFrom: "2026-05-01", labourCentsPerHour: "2400" }, null);
    await addRate({ ...rate, validFrom: "2026-06-01", labourCentsPerHour: "6000" }, null);
    const jobId = await finishedJob("labour", new Date("2026-05-20T10:00:00Z"), 0);
    await onJobFinished(jobId);
    expect((await db.jobCost.findUniqueOrThrow({ where: { jobId } })).netCents).toBe(103);

    const withLabour = await updateJobBusiness(jobId, { labourMinutes: 45 }, null);
    // 0.1 kWh × 34.12 = 3; 1 h machine = 100; 45 min × 24.00 €/h = 1800 (the May rate, not June's).
    expect(withLabour).toMatchObject({ labourMinutes: 45, correctionId: null, cost: { netCents: 1903, vatCents: 362, grossCents: 2265 } });
    expect((await recomputeJobCost(jobId, null)).cost?.netCents).toBe(1903);
    const stored = await db.jobCost.findUniqueOrThrow({ where: { jobId } });
    expect(JSON.parse(stored.lines)).toContainEqual({ kind: "labour", unit: "h", quantity: "0.7500", unitPriceCents: "2400.0000", netCents: 1800 });

    await closeMonth({ year: 2026, month: 5 }, null, new Date("2026-06-02T08:00:00Z"));
    const corrected = await updateJobBusiness(jobId, { labourMinutes: 30 }, null);
    expect(corrected.correctionId).not.toBeNull();
    expect(await db.jobCost.findUniqueOrThrow({ where: { jobId } })).toEqual(stored);
    const correction = await db.jobCostCorrection.findUniqueOrThrow({ where: { id: corrected.correctionId ?? 0 } });
    expect(correction).toMatchObject({ deltaNetCents: -600, deltaVatCents: -114, deltaGrossCents: -714, reason: "job.business_changed" });

    const panel = await jobCostPanelData(jobId);
    expect(panel).toMatchObject({ labourMinutes: 30, labourCentsPerHour: "2400", monthClosed: true, cost: { netCents: 1303, corrected: true } });
    expect(panel?.cost?.lines.find((line) => line.kind === "labour")).toMatchObject({ quantity: "0.5000", netCents: 1200 });

    const removed = await updateJobBusiness(jobId, { labourMinutes: null }, null);
    expect(removed.cost?.netCents).toBe(103);
  });
});
