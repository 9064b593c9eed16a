import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedLineSchema } from "@/lib/business/costing/price-job";
import { db } from "@/lib/db";
import { startPrusaLinkSimulator, type PrusaLinkSimulator } from "@/sim/prusalink";
import { fixturePath, readFixture } from "@/test/fixtures";
import { useTempDatabase } from "@/testing/db/temp-database";
import { addPrusaPrinter, fastConfig, fastTuning, waitFor } from "@/testing/worker/printers";
import { PrinterSupervisor } from "./supervisor";

/**
 * Filament of a PrusaLink job from the printed bgcode's metadata, read from the printer
 * (the print is started at the printer, nothing was downloaded before), debited from
 * the spool of its tool and priced exactly.
 */

const fixture = "Shape-Box_0.4n_0.2mm_PLA_MK4ISMMU3_20m.bgcode";
const pricePerKgCents = 2999;

let cleanup: () => Promise<void>;
let sim: PrusaLinkSimulator;
let printerId: string;
let supervisor: PrinterSupervisor;
let spoolId: string;

/** `filament used [g]` of the printer metadata block, read here from the raw bytes. */
function slicerGrams(): number {
  const match = /filament used \[g\]=([\d.]+)/.exec(readFixture("files", fixture).toString("latin1"));
  if (!match) throw new Error("no filament used [g] in the fixture");
  return Number(match[1]);
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  sim = await startPrusaLinkSimulator({ model: "MK4", host: "127.0.0.1", port: 0, printSeconds: 2, sampleBgcode: fixturePath("files", fixture) });
  printerId = (await addPrusaPrinter(sim, "MK4 Werkstatt")).id;
  const material = await db.material.create({ data: { type: "PLA", brand: "Prusament", color: "Orange", diameterMm: "1.75", pricePerKgCents } });
  spoolId = (await db.spool.create({ data: { materialId: material.id, initialGrams: 1000, remainingGrams: 1000, printerId, slot: "tool0" } })).id;
  supervisor = new PrinterSupervisor({ config: fastConfig, tuning: fastTuning });
  await supervisor.start();
  await waitFor(() => db.printerStatus.findFirst({ where: { printerId, online: true, state: "idle" } }), "printer idle");
}, 60_000);

afterAll(async () => {
  await supervisor.stop();
  await sim.close();
  await cleanup();
});

describe("filament of a PrusaLink job from the bgcode metadata", () => {
  it("debits the tool's spool with the slicer's grams and prices them to the cent", async () => {
    const grams = slicerGrams();
    const file = (await sim.printFiles()).find((f) => /shape/i.test(f));
    if (!file) throw new Error(`the fixture is not on the printer: ${(await sim.printFiles()).join(", ")}`);
    await sim.startPrint(file);
    const job = await waitFor(() => db.job.findFirst({ where: { printerId } }), "job");
    await waitFor(() => db.job.findFirst({ where: { id: job.id, status: "finished" } }), "job finished", 30_000);
    const cost = await waitFor(() => db.jobCost.findUnique({ where: { jobId: job.id } }), "job priced");
    expect((await db.job.findUniqueOrThrow({ where: { id: job.id } })).filamentGrams).toBe(grams);
    expect(await db.jobSpoolUse.findMany({ where: { jobId: job.id }, select: { spoolId: true, grams: true } })).toEqual([{ spoolId, grams }]);
    expect((await db.spool.findUniqueOrThrow({ where: { id: spoolId } })).remainingGrams).toBeCloseTo(1000 - grams, 6);
    const material = storedLineSchema
      .array()
      .parse(JSON.parse(cost.lines))
      .filter((line) => line.kind === "material");
    expect(material.map((line) => line.netCents)).toEqual([Math.round((Math.round(grams * 1000) * pricePerKgCents) / 1_000_000)]);
    expect(material[0].netCents).toBeGreaterThan(0);
  }, 60_000);
});
