/**
 * Download throughput and memory of the worker's download path (driver -> .part with
 * SHA-256 -> verify -> rename -> LocalFile row), next to curl fetching the same file
 * from the same simulator in the same run:
 *  1. 200 MB from one PrusaLink simulator (HTTP, Digest) and one Bambu A1 simulator (FTPS).
 *  2. Five concurrent downloads from five printers (3 PrusaLink, 2 Bambu).
 *  3. Process memory sampled every 50 ms during each download (simulators run in this
 *     process too and stream from disk, so growth with file size would show).
 * Run: `npx tsx bench/files.ts [--mb 200]`. Prints figures; asserts only correctness (SHA-256).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";

const run = promisify(execFile);
const { values: flags } = parseArgs({ options: { mb: { type: "string", default: "200" } } });
const MB = 1024 * 1024;
const SIZE = Number(flags.mb) * MB;

const dir = await mkdtemp(path.join(tmpdir(), "printernizer-files-bench-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
process.env.PRINTERNIZER_DATA_DIR = dir;
process.env.LOG_LEVEL ??= "error";

const { applyMigrations } = await import("@/lib/db/migrate");
const { closeDb, db } = await import("@/lib/db");
const { queueIfIdle } = await import("@/lib/files/queue");
const { startBambuSimulator } = await import("@/sim/bambu");
const { startPrusaLinkSimulator } = await import("@/sim/prusalink");
const { addBambuPrinter, addPrusaPrinter, fastConfig, fastTuning, waitFor } = await import("@/worker/printers/test-support");
const { PrinterSupervisor } = await import("@/worker/printers/supervisor");
const { DownloadQueue } = await import("@/worker/files/download-queue");
const { FileSync } = await import("@/worker/files/file-sync");
const { supervisorAccess } = await import("@/worker/files/index");

type BambuSim = Awaited<ReturnType<typeof startBambuSimulator>>;
type PrusaSim = Awaited<ReturnType<typeof startPrusaLinkSimulator>>;

const rows: [string, string][] = [];
const report = (name: string, value: string) => {
  rows.push([name, value]);
  process.stdout.write(`${name}: ${value}\n`);
};
const mbps = (bytes: number, ms: number) => `${(bytes / MB / (ms / 1000)).toFixed(0)} MB/s`;

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: 4 * MB })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Peak RSS and heap while `work` runs, relative to just before it. */
async function withMemory<T>(work: () => Promise<T>): Promise<{ result: T; rssPeakMb: number; rssBaseMb: number; heapPeakMb: number }> {
  global.gc?.();
  const base = process.memoryUsage();
  let rssPeak = base.rss;
  let heapPeak = base.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 50);
  try {
    const result = await work();
    return { result, rssPeakMb: rssPeak / MB, rssBaseMb: base.rss / MB, heapPeakMb: heapPeak / MB };
  } finally {
    clearInterval(timer);
  }
}

await applyMigrations();
const prusas: PrusaSim[] = [];
const bambus: BambuSim[] = [];
const supervisor = new PrinterSupervisor({ config: fastConfig, tuning: fastTuning });
try {
  const ids: { id: string; kind: "prusa" | "bambu"; index: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const sim = await startPrusaLinkSimulator({ model: "Core One", host: "127.0.0.1", port: 0, password: `BenchPassword0${i}` });
    prusas.push(sim);
    ids.push({ id: (await addPrusaPrinter(sim, `Core One ${i + 1}`)).id, kind: "prusa", index: i });
  }
  for (let i = 0; i < 2; i++) {
    const sim = await startBambuSimulator({
      serial: `03919A00000030${i}`,
      accessCode: `4021337${i}`,
      model: "A1",
      host: "127.0.0.1",
      mqttPort: 0,
      ftpPort: 0,
      cameraPort: 0,
      reportIntervalMs: 1000,
    });
    bambus.push(sim);
    ids.push({ id: (await addBambuPrinter(sim, `A1 ${i + 1}`)).id, kind: "bambu", index: i });
  }
  await supervisor.start();
  const access = supervisorAccess(supervisor);
  await waitFor(() => ids.every((p) => access.driver(p.id)), "all printers online", 30_000);
  const sync = new FileSync(access, { syncMs: 3_600_000 });
  const queue = new DownloadQueue(access, { root: path.join(dir, "files"), maxDownloads: 5, perPrinter: 1, pollMs: 50 });
  await queue.start();

  /** A large file on printer `p`: its printer path and where the simulator keeps it. */
  async function largeFile(p: (typeof ids)[number], size: number): Promise<{ remote: string; disk: string }> {
    if (p.kind === "prusa") {
      const large = await prusas[p.index].ensureLargeFile(size);
      return { remote: large.apiPath, disk: large.diskPath };
    }
    const remote = await bambus[p.index].ensureLargeFile(size, `bench-${size}.gcode.3mf`);
    return { remote, disk: path.join(bambus[p.index].storageDir, remote) };
  }

  async function download(p: (typeof ids)[number], remote: string): Promise<{ ms: number; sha256: string; bytes: number }> {
    await sync.sync(p.id);
    const file = await db.printerFile.findFirstOrThrow({ where: { printerId: p.id, path: remote } });
    await db.localFile.deleteMany({ where: { printerFileId: file.id } });
    const started = performance.now();
    const downloadId = await queueIfIdle(file.id, p.id, null);
    queue.kick();
    const row = await waitFor(async () => {
      const r = await db.download.findUniqueOrThrow({ where: { id: downloadId ?? "" } });
      return r.status === "done" || r.status === "failed" ? r : null;
    }, "download", 600_000);
    const ms = performance.now() - started;
    if (row.status !== "done") throw new Error(`download failed: ${row.error}`);
    const local = await db.localFile.findUniqueOrThrow({ where: { id: row.localFileId ?? "" } });
    return { ms, sha256: local.sha256, bytes: local.size };
  }

  async function curl(p: (typeof ids)[number], remote: string): Promise<number> {
    const args =
      p.kind === "prusa"
        ? ["--digest", "-u", `maker:${prusas[p.index].password}`, `${prusas[p.index].url}${remote}`]
        : ["-k", "--ssl-reqd", "-u", `bblp:${bambus[p.index].accessCode}`, `ftps://127.0.0.1:${bambus[p.index].ftpPort}${remote}`];
    const { stdout } = await run("curl", ["-s", "-S", "-o", "/dev/null", "-w", "%{size_download} %{time_total}", ...args]);
    const [bytes = "0", seconds = "0"] = stdout.trim().split(" ");
    return Number(bytes) === 0 ? Number.NaN : (Number(seconds) * 1000);
  }

  process.stdout.write(`creating ${SIZE / MB} MB files on the simulators...\n`);
  const files = await Promise.all(ids.map((p) => largeFile(p, SIZE)));
  const small = await largeFile(ids[0], 20 * MB);

  for (const [i, label] of [
    [0, "PrusaLink (HTTP)"],
    [3, "Bambu A1 (FTPS)"],
  ] as const) {
    const p = ids[i];
    const expected = await sha256File(files[i].disk);
    const measured = await withMemory(() => download(p, files[i].remote));
    if (measured.result.sha256 !== expected) throw new Error(`${label}: SHA-256 differs from the simulator's file`);
    report(`${label} ${SIZE / MB} MB, our download path (sha256 verified)`, mbps(measured.result.bytes, measured.result.ms));
    report(`${label} ${SIZE / MB} MB, memory during download`, `rss ${measured.rssBaseMb.toFixed(0)} -> peak ${measured.rssPeakMb.toFixed(0)} MB, heap peak ${measured.heapPeakMb.toFixed(0)} MB`);
    const curlMs = await curl(p, files[i].remote);
    report(`${label} ${SIZE / MB} MB, curl, same simulator`, mbps(SIZE, curlMs));
  }

  const smallRun = await withMemory(() => download(ids[0], small.remote));
  report("PrusaLink 20 MB, memory during download (compare with the large file)", `rss ${smallRun.rssBaseMb.toFixed(0)} -> peak ${smallRun.rssPeakMb.toFixed(0)} MB, heap peak ${smallRun.heapPeakMb.toFixed(0)} MB`);

  const concurrent = await withMemory(async () => {
    const started = performance.now();
    const results = await Promise.all(ids.map((p, i) => download(p, files[i].remote)));
    return { results, ms: performance.now() - started };
  });
  const total = concurrent.result.results.reduce((n, r) => n + r.bytes, 0);
  for (const [i, r] of concurrent.result.results.entries()) {
    if (r.sha256 !== (await sha256File(files[i].disk))) throw new Error(`concurrent ${i}: SHA-256 differs`);
  }
  report(`5 concurrent downloads from 5 printers (3 PrusaLink, 2 Bambu), ${(total / MB).toFixed(0)} MB total`, `${mbps(total, concurrent.result.ms)} aggregate, ${(concurrent.result.ms / 1000).toFixed(1)} s`);
  report("5 concurrent, per download", concurrent.result.results.map((r, i) => `${ids[i].kind} ${mbps(r.bytes, r.ms)}`).join(", "));
  report("5 concurrent, memory", `rss ${concurrent.rssBaseMb.toFixed(0)} -> peak ${concurrent.rssPeakMb.toFixed(0)} MB, heap peak ${concurrent.heapPeakMb.toFixed(0)} MB`);
  await queue.stop();
} finally {
  await supervisor.stop();
  await Promise.all([...prusas.map((s) => s.close()), ...bambus.map((s) => s.close())]);
  await closeDb();
  await rm(dir, { recursive: true, force: true });
}
process.stdout.write("\n");
const width = Math.max(...rows.map(([n]) => n.length));
for (const [name, value] of rows) process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
