import { copyFile } from "node:fs/promises";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearBed } from "@/testing/queue/queue";
import * as commandsRoute from "@/app/api/printers/[id]/commands/route";
import { createUser } from "@/lib/auth/users";
import { storedLineSchema } from "@/lib/business/costing/price-job";
import { db } from "@/lib/db";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { fixturePath, readFixture } from "@/test/fixtures";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { useTempDatabase } from "@/testing/db/temp-database";
import { addBambuPrinter, fastConfig, fastTuning, waitFor } from "@/testing/worker/printers";
import { CommandRunner } from "@/worker/command-runner";
import { registerPrinterCommands } from "./command-handlers";
import { PrinterSupervisor } from "./supervisor";

/**
 * Filament per job from the printed file's slice info, against the Bambu simulator (an
 * X1C: its reports name the printed plate, "/data/Metadata/plate_2.gcode"): prints
 * started through Printernizer (file, plate and AMS mapping from the start command) and
 * at the printer (file found by the job name, its metadata read over FTPS, the slot from
 * the tray in use). The expected grams are read from the fixture here, independently of
 * lib/files/metadata.
 */

let cleanup: () => Promise<void>;
let sim: BambuSimulator;
let printerId: string;
let supervisor: PrinterSupervisor;
let runner: CommandRunner;
let operator: Record<string, string>;
const spools: Record<string, string> = {};
const prices: Record<string, number> = { "ams0-tray0": 2499, "ams1-tray1": 1999 };

const files = { single: "bambu.gcode.3mf", twoPlates: "bambu-2-plates.gcode.3mf" } as const;

/** used_g per filament id of one plate, straight from Metadata/slice_info.config. */
function slicerGrams(file: string, plate: number): number[] {
  const zip = unzipSync(new Uint8Array(readFixture("files", file)), { filter: (entry) => entry.name === "Metadata/slice_info.config" });
  const xml = strFromU8(zip["Metadata/slice_info.config"]);
  const plates = xml.split("<plate>").slice(1);
  const block = plates.find((p) => p.includes(`<metadata key="index" value="${plate}"/>`));
  if (!block) throw new Error(`no plate ${plate} in ${file}`);
  return [...block.matchAll(/<filament [^>]*used_g="([\d.]+)"/g)].map((m) => Number(m[1]));
}

/** Cents of a material line as a person would compute them: grams × price per kg, rounded half up. */
function expectedCents(grams: number, pricePerKgCents: number): number {
  return Math.round((Math.round(grams * 1000) * pricePerKgCents) / 1_000_000);
}

async function command(body: object): Promise<{ status: string; error: string | null }> {
  const res = await call(
    commandsRoute.POST,
    testRequest("POST", `/api/printers/${printerId}/commands?wait=1`, { body, headers: operator }),
    { id: printerId },
  );
  expect(res.status).toBe(202);
  return (await res.json()) as { status: string; error: string | null };
}

async function printToEnd(start: () => Promise<unknown>) {
  const before = await db.job.count({ where: { printerId } });
  // The last print's part (or a printer first seen idle) holds the bed until an operator confirms it clear.
  await waitFor(() => db.printer.findFirst({ where: { id: printerId, bedState: "needs_clearing" } }), "bed needs clearing");
  expect(await clearBed(operator, printerId)).toBe(200);
  await start();
  const job = await waitFor(() => db.job.findFirst({ where: { printerId, status: "printing" } }), "job printing");
  expect(await db.job.count({ where: { printerId } })).toBe(before + 1);
  sim.advance(4000);
  await waitFor(() => db.job.findFirst({ where: { id: job.id, status: "finished" } }), "job finished");
  await waitFor(() => db.jobCost.findUnique({ where: { jobId: job.id } }), "job priced");
  return job;
}

async function expectUse(jobId: string, filamentGrams: number | null, slot: string, grams: number) {
  const job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
  expect(job.filamentGrams).toBe(filamentGrams);
  const cost = await db.jobCost.findUniqueOrThrow({ where: { jobId } });
  const uses = await db.jobSpoolUse.findMany({ where: { jobId } });
  expect(uses.map((use) => ({ spoolId: use.spoolId, grams: use.grams }))).toEqual([{ spoolId: spools[slot], grams }]);
  const lines = storedLineSchema.array().parse(JSON.parse(cost.lines));
  const material = lines.filter((line) => line.kind === "material");
  expect(material).toHaveLength(1);
  expect(material[0].netCents).toBeGreaterThan(0);
  expect(material[0].netCents).toBe(expectedCents(grams, prices[slot]));
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  const user = await createUser(
    { email: "op@example.com", name: "Operator", password: "operator password", role: "operator" },
    { actor: { type: "system" } },
  );
  operator = await browserHeaders(user);
  sim = await startBambuSimulator({
    serial: "00M09A000000201",
    accessCode: "40213377",
    model: "X1C",
    host: "127.0.0.1",
    mqttPort: 0,
    ftpPort: 0,
    cameraPort: 0,
    printSeconds: 30,
    prepareSeconds: 0.2,
    timeScale: 20,
    reportIntervalMs: 150,
    prefill: false,
  });
  for (const file of Object.values(files)) await copyFile(fixturePath("files", file), path.join(sim.storageDir, "cache", file));
  printerId = (await addBambuPrinter(sim, "X1C Werkstatt")).id;
  for (const [slot, pricePerKgCents] of Object.entries(prices)) {
    const material = await db.material.create({ data: { type: "PLA", brand: "Bambu", color: slot, diameterMm: "1.75", pricePerKgCents } });
    spools[slot] = (await db.spool.create({ data: { materialId: material.id, initialGrams: 1000, remainingGrams: 1000, printerId, slot } })).id;
  }
  // What the worker's file listing records: paths and names, no metadata yet.
  for (const file of Object.values(files)) {
    await db.printerFile.create({ data: { printerId, path: `/cache/${file}`, name: file, seenAt: new Date() } });
  }
  supervisor = new PrinterSupervisor({ config: fastConfig, tuning: fastTuning });
  runner = new CommandRunner(50);
  registerPrinterCommands(runner, supervisor, fastTuning);
  await supervisor.start();
  runner.start();
  await waitFor(() => db.printerStatus.findFirst({ where: { printerId, online: true, state: "idle" } }), "printer idle");
}, 60_000);

afterAll(async () => {
  await runner.stop();
  await supervisor.stop();
  await sim.close();
  await cleanup();
});

describe("filament of Bambu jobs from the file's slice info", () => {
  it("a single-plate file started through Printernizer: the slicer's grams on the mapped tray's spool", async () => {
    const [grams] = slicerGrams(files.single, 1);
    const job = await printToEnd(() => command({ action: "start", path: `/cache/${files.single}`, amsMapping: [5] }));
    await expectUse(job.id, grams, "ams1-tray1", grams);
  });

  it("plate 2 of a two-plate file started through Printernizer", async () => {
    const [grams] = slicerGrams(files.twoPlates, 2);
    expect(grams).not.toBe(slicerGrams(files.twoPlates, 1)[0]);
    const job = await printToEnd(() => command({ action: "start", path: `/cache/${files.twoPlates}`, plate: 2, amsMapping: [0] }));
    await expectUse(job.id, grams, "ams0-tray0", grams);
  });

  it("a single-plate file started at the printer: metadata read from the printer, the tray in use", async () => {
    const [grams] = slicerGrams(files.single, 1);
    const job = await printToEnd(() => sim.startPrint(`/cache/${files.single}`, { amsMapping: [0] }));
    await expectUse(job.id, grams, "ams0-tray0", grams);
    expect((await db.printerFile.findFirstOrThrow({ where: { printerId, name: files.single } })).metadata).not.toBeNull();
  });

  it("plate 2 of a two-plate file started at the printer", async () => {
    const [grams] = slicerGrams(files.twoPlates, 2);
    const job = await printToEnd(() => sim.startPrint(`/cache/${files.twoPlates}`, { plate: 2, amsMapping: [5] }));
    await expectUse(job.id, grams, "ams1-tray1", grams);
  });
});
