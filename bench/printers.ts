/**
 * Figures for live printer integration: 100 simulated printers (50 Bambu sending a
 * delta per second, 50 PrusaLink polled every 5 s while printing) watched by one real
 * worker process. Reports the worker's CPU and memory (also per printer: CPU µs per
 * Bambu message, KB of RSS per printer above the idle worker), the event rate, and the
 * latency from a Bambu simulator publishing a changed value to the Event row and to
 * `--streams` event streams (lib/events/sse.ts, in this process, as the web serves them).
 * `--profile <dir>` writes the worker's CPU profile (--cpu-prof) there.
 * Run: `npx tsx bench/printers.ts [--bambu 50] [--prusa 50] [--seconds 60] [--streams 0]`.
 * Prints figures; asserts nothing.
 */
import { spawn } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const root = path.resolve(import.meta.dirname, "..");
const { values: flags } = parseArgs({
  options: {
    bambu: { type: "string", default: "50" },
    prusa: { type: "string", default: "50" },
    seconds: { type: "string", default: "60" },
    streams: { type: "string", default: "0" },
    profile: { type: "string" },
  },
});
const BAMBU = Number(flags.bambu);
const PRUSA = Number(flags.prusa);
const SECONDS = Number(flags.seconds);
const STREAMS = Number(flags.streams);
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
const { eventStream } = await import("@/lib/events/sse");
const { figure } = await import("./support/figures");
const mqtt = (await import("mqtt")).default;

/**
 * Report messages per second of a few simulators, seen by a client of their own: the
 * simulators share this process, so on a busy machine they send fewer than one a second,
 * and the worker's cost is divided by what was really sent.
 */
async function countReports(sims: BambuSim[]): Promise<{ perPrinterPerSecond: () => number; close: () => void }> {
  let count = 0;
  const started = Date.now();
  const clients = await Promise.all(
    sims.map(
      (sim) =>
        new Promise<ReturnType<typeof mqtt.connect>>((resolve, reject) => {
          const client = mqtt.connect({
            host: sim.host,
            port: sim.mqttPort,
            protocol: "mqtts",
            username: "bblp",
            password: sim.accessCode,
            ca: sim.caCertPem,
            servername: sim.serial,
            reconnectPeriod: 0,
          });
          client.on("message", () => count++);
          client.once("connect", () => client.subscribe(`device/${sim.serial}/report`, (error) => (error ? reject(error) : resolve(client))));
          client.once("error", reject);
        }),
    ),
  );
  return {
    perPrinterPerSecond: () => count / Math.max(sims.length, 1) / ((Date.now() - started) / 1000),
    close: () => clients.forEach((c) => c.end(true)),
  };
}

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

/** The worker, ended when the benchmark fails half-way too. */
let workerProcess: ReturnType<typeof spawn> | null = null;

interface Toggle {
  at: number;
  expected: boolean;
}

/** One event stream as a browser holds it; records publish → frame latency of each toggle it sees. */
async function watchStream(toggles: Map<string, Toggle>, latencies: number[], signal: AbortSignal): Promise<void> {
  const reader = eventStream({ lastEventId: null, signal, owner: `bench-${Math.random()}`, limits: { maxReplay: 1_000, perOwner: 1, perProcess: 100_000 } }).getReader();
  const decoder = new TextDecoder();
  const seen = new Set<Toggle>();
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done || !value) return;
    const received = Date.now();
    const text = decoder.decode(value);
    if (!text.includes('"printer.state"')) continue;
    const printerId = /"printerId":"([^"]+)"/.exec(text)?.[1];
    const toggle = printerId ? toggles.get(printerId) : undefined;
    if (!toggle || seen.has(toggle) || !text.includes(`"developerModeRequired":${toggle.expected}`)) continue;
    seen.add(toggle);
    latencies.push(received - toggle.at);
  }
}

async function main(): Promise<void> {
  console.log(`bench/printers.ts on Node ${process.version}`);
  await applyMigrations();
  const t0 = performance.now();
  const ca = createSimulatorCa();
  const bambuSims: BambuSim[] = [];
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
    bambuSims.push(sim);
  }
  for (let i = 0; i < PRUSA; i++) {
    prusas.push(await startPrusaLinkSimulator({ model: i % 2 ? "MK4" : "Core One", host: "127.0.0.1", port: 0, printSeconds: 7200 }));
  }
  console.log(`started ${BAMBU} Bambu + ${PRUSA} PrusaLink simulators in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  for (const sim of bambuSims) {
    const file = (await sim.printFiles()).find((f) => f.endsWith(".gcode.3mf"));
    if (file) await sim.startPrint(file);
  }
  for (const sim of prusas) {
    const file = (await sim.printFiles()).find((f) => /\.(bgcode|gcode|bgc|gco)$/i.test(f));
    if (file) await sim.startPrint(file);
  }

  const profileArgs = flags.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(flags.profile)}`] : [];
  const worker = spawn(process.execPath, ["--liftoff-only", "--max-semi-space-size=1", ...profileArgs, "--import", "tsx", "worker/main.ts"], {
    cwd: root,
    env: { ...process.env, PRINTERNIZER_WORKER_PORT: "0", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  workerProcess = worker;
  const pid = worker.pid;
  if (!pid) throw new Error("worker did not start");
  // The worker without printers first: what each printer adds is measured against it.
  await sleep(10_000);
  const idleCpuStart = cpuSeconds(pid);
  await sleep(5_000);
  const idleCpu = (cpuSeconds(pid) - idleCpuStart) / 5;
  const idleRss = rssMb(pid);

  const bambus: { sim: BambuSim; id: string }[] = [];
  for (const [i, sim] of bambuSims.entries()) bambus.push({ sim, id: (await addBambuPrinter(sim, `Bambu ${i}`)).id });
  for (const [i, sim] of prusas.entries()) await addPrusaPrinter(sim, `Prusa ${i}`);
  const startedAt = performance.now();
  for (;;) {
    const online = await db.printerStatus.count({ where: { online: true } });
    if (online === BAMBU + PRUSA) break;
    const patience = Math.max(180_000, (BAMBU + PRUSA) * 1_000);
    if (performance.now() - startedAt > patience) throw new Error(`only ${online} printers online after ${patience / 1000} s`);
    await sleep(250);
  }
  console.log(`worker: all ${BAMBU + PRUSA} printers online ${((performance.now() - startedAt) / 1000).toFixed(1)} s after they were added`);
  const streamsDone = new AbortController();
  const streamToggles = new Map<string, Toggle>();
  const streamLatencies: number[] = [];
  const streams = Array.from({ length: STREAMS }, () => watchStream(streamToggles, streamLatencies, streamsDone.signal));
  await sleep(WARMUP_MS);

  const reports = await countReports(bambuSims.slice(0, Math.min(5, bambuSims.length)));
  const firstEvent = (await db.event.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
  let lastSeen = firstEvent;
  const pending = new Map<string, Toggle>();
  const latencies: number[] = [];
  const lags: number[] = [];
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
  let lastLagAt = 0;
  while (Date.now() < deadline) {
    // About five publishes a second, each on a printer with no measurement in flight.
    const candidate = bambus[next++ % bambus.length];
    if (candidate && !pending.has(candidate.id)) {
      const turnOff = candidate.sim.state().developerMode;
      const toggle = { at: Date.now(), expected: turnOff };
      pending.set(candidate.id, toggle);
      streamToggles.set(candidate.id, toggle);
      candidate.sim.setDeveloperMode(!turnOff);
      toggles++;
    }
    if (toggles % 5 === 0) rss.push(rssMb(pid));
    if (Date.now() - lastLagAt >= 5_000) {
      // Event lag: how old the newest printer.state row is; flat when the worker keeps up.
      lastLagAt = Date.now();
      const newest = await db.event.findFirst({ where: { type: "printer.state" }, orderBy: { id: "desc" }, select: { createdAt: true } });
      if (newest) lags.push(lastLagAt - newest.createdAt.getTime());
    }
    await sleep(200);
  }
  const elapsed = (Date.now() - windowStart) / 1000;
  const cpu = cpuSeconds(pid) - cpuStart;
  const reportRate = reports.perPrinterPerSecond();
  reports.close();
  await sleep(3000);
  stopped = true;
  await watcher;
  streamsDone.abort();
  await Promise.all(streams);

  const byType = await db.event.groupBy({ by: ["type"], where: { id: { gt: firstEvent, lte: lastSeen } }, _count: { _all: true } });
  const samples = await db.temperatureSample.count();
  latencies.sort((a, b) => a - b);
  streamLatencies.sort((a, b) => a - b);
  const printers = BAMBU + PRUSA;
  const cpuShare = cpu / elapsed;
  const rssAvg = rss.reduce((a, b) => a + b, 0) / Math.max(rss.length, 1);
  console.log(`window: ${elapsed.toFixed(1)} s, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} cores`);
  figure("printers (Bambu + PrusaLink)", `${BAMBU} + ${PRUSA}`);
  figure("worker CPU", cpuShare * 100, "% of one core");
  figure("worker CPU idle, no printers", idleCpu * 100, "% of one core");
  if (BAMBU > 0 && PRUSA === 0) {
    figure("Bambu report messages per printer (sampled)", reportRate, "per s");
    figure("worker CPU per Bambu message", ((cpuShare - idleCpu) * 1e6) / (BAMBU * reportRate), "µs");
    figure("worker CPU per Bambu message, idle included", (cpuShare * 1e6) / (BAMBU * reportRate), "µs");
  }
  if (PRUSA > 0 && BAMBU === 0) figure("worker CPU per PrusaLink printer", ((cpuShare - idleCpu) * 1e6) / PRUSA, "µs per s");
  figure("worker RSS avg", rssAvg, "MB");
  figure("worker RSS max", Math.max(...rss), "MB");
  figure("worker RSS idle, no printers", idleRss, "MB");
  figure("worker RSS per printer above idle", ((rssAvg - idleRss) * 1024) / Math.max(printers, 1), "KB");
  for (const { type, _count } of byType.sort((a, b) => b._count._all - a._count._all)) {
    figure(`events ${type}`, _count._all / elapsed, "per s");
  }
  figure("temperature samples stored in total", samples);
  figure("event lag (age of newest printer.state row) first / last", `${lags[0] ?? "-"} / ${lags.at(-1) ?? "-"}`, "ms");
  console.log(`latency Bambu publish → Event row: ${latencies.length} of ${toggles} changes matched`);
  if (BAMBU > 0) {
    figure("change → Event row p50", percentile(latencies, 50), "ms");
    figure("change → Event row p95", percentile(latencies, 95), "ms");
    figure("change → Event row p99", percentile(latencies, 99), "ms");
  }
  if (STREAMS > 0) {
    console.log(`latency Bambu publish → event stream frame, ${STREAMS} streams: ${streamLatencies.length} frames of ${toggles * STREAMS} expected`);
    figure(`change → stream frame p50 (${STREAMS} streams)`, percentile(streamLatencies, 50), "ms");
    figure(`change → stream frame p95 (${STREAMS} streams)`, percentile(streamLatencies, 95), "ms");
  }

  worker.kill("SIGTERM");
  await new Promise((resolve) => worker.once("exit", resolve));
  await Promise.all([...bambus.map((b) => b.sim.close()), ...prusas.map((p) => p.close())]);
  await closeDb();
  await rm(dir, { recursive: true, force: true });
}

main().catch(async (err: unknown) => {
  console.error(err);
  workerProcess?.kill("SIGKILL");
  await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  process.exit(1);
});
