/**
 * Figures for the print queue: the time from an operator confirming "bed is clear" to
 * the printer reporting that it prints the queued file, for a 20 MB file per printer
 * kind (a Bambu A1 mini simulator over MQTT/FTPS, a PrusaLink MK4 simulator over HTTP).
 * The worker's own supervisor settings and queue tick (2 s) are used, so the figure
 * includes the wait for the next tick, the upload and the printer's first report.
 * Run: `npx tsx bench/queue-dispatch.ts [--mb 20] [--runs 3]`. Prints figures; asserts nothing.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const root = path.resolve(import.meta.dirname, "..");
const { values: flags } = parseArgs({ options: { mb: { type: "string", default: "20" }, runs: { type: "string", default: "3" } } });
const SIZE = Number(flags.mb) * 1024 * 1024;
const RUNS = Number(flags.runs);

const dir = await mkdtemp(path.join(tmpdir(), "printernizer-bench-queue-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
process.env.PRINTERNIZER_DATA_DIR = dir;
process.env.LOG_LEVEL ??= "error";
const filesRoot = path.join(dir, "files");

const { applyMigrations } = await import("@/lib/db/migrate");
const { closeDb, db } = await import("@/lib/db");
const { readPrintFileMetadata } = await import("@/lib/files/metadata/read-metadata");
const { confirmBedCleared } = await import("@/lib/printers/bed-actions");
const { addToQueue } = await import("@/lib/queue/repository");
const { createQueueItemSchema } = await import("@/lib/queue/schemas");
const { startBambuSimulator } = await import("@/sim/bambu");
const { startPrusaLinkSimulator } = await import("@/sim/prusalink");
const { writeBigGcode3mf } = await import("@/testing/files/metadata/big-gcode-3mf");
const { addBambuPrinter, addPrusaPrinter } = await import("@/testing/worker/printers");
const { supervisorAccess } = await import("@/worker/files");
const { supervisorConfigFromEnv } = await import("@/worker/printers/config");
const { PrinterSupervisor } = await import("@/worker/printers/supervisor");
const { queueService } = await import("@/worker/queue");

const system = { actor: { type: "system" as const }, userId: null };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 300_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A PrusaSlicer G-code for the MK4 (the MINI sample's settings, model MK4IS) padded with moves to `size` bytes. */
async function prusaGcode(file: string, size: number): Promise<void> {
  const sample = (await readFile(path.join(root, "test/fixtures/files/sample.gcode"), "utf8")).replace("; printer_model = MINI", "; printer_model = MK4IS");
  // The moves go before the end sequence, so the slicer's notes and settings stay at the end, where readers look.
  const cut = sample.indexOf("M140 S0 ; turn off heatbed");
  if (cut < 0) throw new Error("the sample G-code changed: no end sequence found");
  const move = "G1 X10.000 Y10.000 E0.01000\n";
  const padding = move.repeat(Math.max(0, Math.ceil((size - sample.length) / move.length)));
  await writeFile(file, sample.slice(0, cut) + padding + sample.slice(cut));
}

async function localFile(name: string, write: (full: string) => Promise<void>): Promise<string> {
  const full = path.join(filesRoot, "bench", name);
  await mkdir(path.dirname(full), { recursive: true });
  await write(full);
  const data = await readFile(full);
  const row = await db.localFile.create({
    data: { relativePath: `bench/${name}`, name, size: data.length, sha256: createHash("sha256").update(data).digest("hex"), metadata: JSON.stringify(await readPrintFileMetadata(full)) },
  });
  return row.id;
}

/** One run: queue the file, confirm the bed, time until the item prints. Then stop the print and wait for the bed to need clearing again. */
async function run(printerId: string, fileId: string, stop: () => void): Promise<number> {
  await until("bed needs clearing", () => db.printer.findFirst({ where: { id: printerId, bedState: "needs_clearing" } }));
  const { items } = await addToQueue(createQueueItemSchema.parse({ fileId, printerId }), system, { locale: "en", seesCustomer: true });
  await until("item waits for the bed", () => db.queueItem.findFirst({ where: { id: items[0].id, status: "waiting_for_bed" } }));
  const t0 = performance.now();
  await confirmBedCleared(printerId, system);
  await until("item printing", () => db.queueItem.findFirst({ where: { id: items[0].id, status: "printing" } }));
  const ms = performance.now() - t0;
  stop();
  await until("item ended", () => db.queueItem.findFirst({ where: { id: items[0].id, status: { in: ["done", "failed"] } } }));
  return ms;
}

async function main(): Promise<void> {
  console.log(`bench/queue-dispatch.ts on Node ${process.version}: ${flags.mb} MB file, ${RUNS} runs per kind`);
  await applyMigrations();
  const bambu = await startBambuSimulator({ serial: "0300AA000000099", accessCode: "40213377", model: "A1 mini", host: "127.0.0.1", printSeconds: 3600, prepareSeconds: 0.5 });
  const prusa = await startPrusaLinkSimulator({ model: "MK4", host: "127.0.0.1", port: 0, printSeconds: 3600 });
  const bambuId = (await addBambuPrinter(bambu, "A1 mini")).id;
  const prusaId = (await addPrusaPrinter(prusa, "MK4")).id;
  const supervisor = new PrinterSupervisor({ config: supervisorConfigFromEnv() });
  await supervisor.start();
  const dispatcher = queueService(supervisorAccess(supervisor), { root: filesRoot });
  await dispatcher.start();
  try {
    const kinds = [
      { kind: "bambu (A1 mini, FTPS)", printerId: bambuId, stop: () => bambu.stop(), file: (i: number) => localFile(`bench-${i}.gcode.3mf`, (full) => writeBigGcode3mf(full, SIZE)) },
      {
        kind: "prusalink (MK4, HTTP)",
        printerId: prusaId,
        stop: () => {
          prusa.stop();
          prusa.acknowledge();
        },
        file: (i: number) => localFile(`bench-${i}.gcode`, (full) => prusaGcode(full, SIZE)),
      },
    ];
    for (const { kind, printerId, stop, file } of kinds) {
      const times: number[] = [];
      // A new file per run: each dispatch uploads, as for a file the printer does not have.
      for (let i = 0; i < RUNS; i++) times.push(await run(printerId, await file(i), stop));
      const sorted = [...times].sort((a, b) => a - b);
      console.log(`${kind}: bed cleared → printing  median ${(sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(2)} s  min ${(sorted[0] / 1000).toFixed(2)} s  max ${(sorted[sorted.length - 1] / 1000).toFixed(2)} s`);
    }
  } finally {
    await dispatcher.stop();
    await supervisor.stop();
    await bambu.close();
    await prusa.close();
    await closeDb();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
