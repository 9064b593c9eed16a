/**
 * Figures for live printer integration: 100 simulated printers (50 Bambu sending a
 * delta per second, 50 PrusaLink polled every 5 s while printing) watched by one real
 * worker process. Reports the worker's CPU and memory, the event rate, and the latency
 * from a Bambu simulator publishing a changed value to the Event row (p50/p95/p99).
 * Run: `npx tsx bench/printers.ts [--bambu 50] [--prusa 50] [--seconds 60]`. Prints figures; asserts nothing.
 */
import { spawn } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const root = path.resolve(import.meta.dirname, "..");
const { values: flags } = parseArgs({
  options: { bambu: { type: "string", default: "50" }, prusa: { type: "string", default: "50" }, seconds: { type: "string", default: "60" } },
});
const BAMBU = Number(flags.bambu);
const PRUSA = Number(flags.prusa);
const SECONDS = Number(flags.seconds);
const WARMUP_MS = 15_000;

const dir = await mkdtemp(path.join(tmpdir(), "printernizer-bench-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
process.env.PRINTERNIZER_DATA_DIR = dir;
process.env.LOG_LEVEL ??= "error";

const { applyMigrations } = await import("@/lib/db/migrate");
const { closeDb, db } = await import("@/lib/db");
const { createSimulatorCa, startBambuSimulator } = await import("@/sim/bambu");
const { startPrusaLinkSimulator } = await import("@/sim/prusalink");
const { addBambuPrinter, addPrusaPrinter } = await import("@/testing/worker/printers");

type BambuSim = Awaited<ReturnType<typeof startBambuSimulator>>;
type PrusaSim = Awaited<ReturnType<typeof startPrusaLinkSimulator>>;

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  console.log(`bench/printers.ts on Node ${process.version}`);
  await applyMigrations();
  const t0 = performance.now();
  const ca = createSimulatorCa();
  const bambus: { sim: BambuSim; id: string }[] = [];
  const prusas: PrusaSim[] = [];
  for (let i = 0; i < BAMBU; i++) {
    const storageDir = path.join(dir, `bambu-${i}`);
    if (i > 0) await cp(path.join(dir, "bambu-0"), storageDir, { recursive: true });
    const sim = await startBambuSimulator({
      serial: `03919A${String(100000000 + i)}`,
      accessCode: `${10000000 + i}`,
      model: "A1",
      host: "127.0.0.1",
      mqttPort: 0,
      ftpPort: 0,
      cameraPort: 0,
      ca,
      storageDir,
      prefill: i === 0,
      printSeconds: 7200,
      prepareSeconds: 1,
      reportIntervalMs: 1000,
      idleReportIntervalMs: 1000,
    });
    bambus.push({ sim, id: (await addBambuPrinter(sim, `Bambu ${i}`)).id });
  }
  for (let i = 0; i < PRUSA; i++) {
    const sim = await startPrusaLinkSimulator({ model: i % 2 ? "MK4" : "Core One", host: "127.0.0.1", port: 0, printSeconds: 7200 });
    prusas.push(sim);
    await addPrusaPrinter(sim, `Prusa ${i}`);
  }
  console.log(`started ${BAMBU} Bambu + ${PRUSA} PrusaLink simulators in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  for (const { sim } of bambus) {
    const file = (await sim.printFiles()).find((f) => f.endsWith(".gcode.3mf"));
    if (file) await sim.startPrint(file);
  }
  for (const sim of prusas) {
    const file = (await sim.printFiles()).find((f) => /\.(bgcode|gcode|bgc|gco)$/i.test(f));
    if (file) await sim.startPrint(file);
  }

  const worker = spawn(process.execPath, ["--liftoff-only", "--max-semi-space-size=1", "--import", "tsx", "worker/main.ts"], {
    cwd: root,
    env: { ...process.env, PRINTERNIZER_WORKER_PORT: "0", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const pid = worker.pid;
  if (!pid) throw new Error("worker did not start");
  const startedAt = performance.now();
  for (;;) {
    const online = await db.printerStatus.count({ where: { online: true } });
    if (online === BAMBU + PRUSA) break;
    if (performance.now() - startedAt > 120_000) throw new Error(`only ${online} printers online after 120 s`);
    await sleep(250);
  }
  console.log(`worker: all ${BAMBU + PRUSA} printers online ${((performance.now() - startedAt) / 1000).toFixed(1)} s after start`);
  await sleep(WARMUP_MS);

  const firstEvent = (await db.event.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
  let lastSeen = firstEvent;
  const pending = new Map<string, { at: number; expected: boolean }>();
  const latencies: number[] = [];
  const rss: number[] = [];
  const cpuStart = cpuSeconds(pid);
  const windowStart = Date.now();
  let toggles = 0;
  let stopped = false;

  const watcher = (async () => {
    while (!stopped) {
      const rows = await db.event.findMany({ where: { id: { gt: lastSeen }, type: "printer.state" }, orderBy: { id: "asc" }, take: 2000 });
      for (const row of rows) {
        lastSeen = row.id;
        const wanted = row.printerId ? pending.get(row.printerId) : undefined;
        if (!wanted || !row.printerId) continue;
        const payload = JSON.parse(row.payload) as { state: { developerModeRequired: boolean } };
        if (payload.state.developerModeRequired !== wanted.expected) continue;
        latencies.push(row.createdAt.getTime() - wanted.at);
        pending.delete(row.printerId);
      }
      await sleep(20);
    }
  })();

  const deadline = windowStart + SECONDS * 1000;
  let next = 0;
  while (Date.now() < deadline) {
    // About five publishes a second, each on a printer with no measurement in flight.
    const candidate = bambus[next++ % bambus.length];
    if (!pending.has(candidate.id)) {
      const turnOff = candidate.sim.state().developerMode;
      pending.set(candidate.id, { at: Date.now(), expected: turnOff });
      candidate.sim.setDeveloperMode(!turnOff);
      toggles++;
    }
    if (toggles % 5 === 0) rss.push(rssMb(pid));
    await sleep(200);
  }
  const elapsed = (Date.now() - windowStart) / 1000;
  const cpu = cpuSeconds(pid) - cpuStart;
  await sleep(3000);
  stopped = true;
  await watcher;

  const byType = await db.event.groupBy({ by: ["type"], where: { id: { gt: firstEvent, lte: lastSeen } }, _count: { _all: true } });
  const samples = await db.temperatureSample.count();
  latencies.sort((a, b) => a - b);
  console.log(`window: ${elapsed.toFixed(1)} s`);
  console.log(`worker CPU: ${((cpu / elapsed) * 100).toFixed(1)} % of one core (${cpu.toFixed(1)} s CPU)`);
  console.log(`worker memory: RSS avg ${(rss.reduce((a, b) => a + b, 0) / Math.max(rss.length, 1)).toFixed(1)} MB, max ${Math.max(...rss).toFixed(1)} MB`);
  for (const { type, _count } of byType.sort((a, b) => b._count._all - a._count._all)) {
    console.log(`events ${type}: ${_count._all} (${(_count._all / elapsed).toFixed(1)}/s)`);
  }
  console.log(`temperature samples stored in total: ${samples}`);
  console.log(
    `latency Bambu publish → Event row (${latencies.length} of ${toggles} changes matched): ` +
      `p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms`,
  );

  worker.kill("SIGTERM");
  await new Promise((resolve) => worker.once("exit", resolve));
  await Promise.all([...bambus.map((b) => b.sim.close()), ...prusas.map((p) => p.close())]);
  await closeDb();
  await rm(dir, { recursive: true, force: true });
}

main().catch(async (err: unknown) => {
  console.error(err);
  await rm(dir, { recursive: true, force: true });
  process.exit(1);
});
