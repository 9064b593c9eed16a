/**
 * Download throughput and memory of the worker's download path (driver -> .part with
 * SHA-256 -> verify -> rename -> LocalFile row), next to curl fetching the same file
 * from the same simulator in the same run:
 *  1. 200 MB from one PrusaLink simulator (HTTP, Digest) and one Bambu A1 simulator (FTPS).
 *     curl is measured three ways: writing to a file on the same disk as our files root
 *     (the like-for-like figure the target is taken against), piped into `sha256sum`
 *     (what our path does: store and hash), and into /dev/null (the wire alone).
 *  2. Five concurrent downloads from five printers (3 PrusaLink, 2 Bambu).
 *  3. Process memory sampled every 50 ms during each download (growth with file size would show).
 * Ours and curl -o file take turns `--rounds` times (default 3); their medians are compared.
 * A 20 MB download from each kind warms the path up first: the worker is a long-running process.
 * The simulators run in a child process (this file with `--serve`), as a printer is
 * another machine: otherwise our downloader would share its event loop with the
 * simulator serving it, while curl has a process of its own.
 * The download path is measured under the worker's V8 flags (scripts/start.mjs): the file
 * re-runs itself with them when started without.
 * Run: `npx tsx bench/files.ts [--mb 200] [--rounds 3]`. Prints figures; asserts only correctness (SHA-256).
 */
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import type { BambuSimLike } from "@/testing/worker/printers";

const run = promisify(execFile);
const { values: flags } = parseArgs({
  options: { mb: { type: "string", default: "200" }, rounds: { type: "string", default: "3" }, serve: { type: "boolean", default: false } },
});
const MB = 1024 * 1024;
const SIZE = Number(flags.mb) * MB;
const ROUNDS = Math.max(1, Number(flags.rounds));
const PRUSAS = 3;
const BAMBUS = 2;

interface PrusaEndpoint {
  kind: "prusa";
  host: string;
  port: number;
  url: string;
  username: string;
  password: string;
  model: string;
}
interface BambuEndpoint extends BambuSimLike {
  kind: "bambu";
}
/** One simulated printer as the child reports it, with its large files (printer path and place on disk). */
type Endpoint = (PrusaEndpoint | BambuEndpoint) & { large: { remote: string; disk: string }; small: { remote: string; disk: string } };

/** Child role: starts the simulators, creates the large files, prints the fleet as one JSON line, serves until stdin closes. */
async function serve(): Promise<void> {
  process.env.LOG_LEVEL ??= "error";
  const { startBambuSimulator } = await import("@/sim/bambu");
  const { startPrusaLinkSimulator } = await import("@/sim/prusalink");
  const closers: (() => Promise<void>)[] = [];
  const fleet: Endpoint[] = [];
  for (let i = 0; i < PRUSAS; i++) {
    const sim = await startPrusaLinkSimulator({ model: "Core One", host: "127.0.0.1", port: 0, password: `BenchPassword0${i}` });
    closers.push(() => sim.close());
    const large = await sim.ensureLargeFile(SIZE);
    const small = await sim.ensureLargeFile(20 * MB);
    fleet.push({
      kind: "prusa",
      host: sim.host,
      port: sim.port,
      url: sim.url,
      username: sim.username,
      password: sim.password,
      model: sim.model,
      large: { remote: large.apiPath, disk: large.diskPath },
      small: { remote: small.apiPath, disk: small.diskPath },
    });
  }
  for (let i = 0; i < BAMBUS; i++) {
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
    closers.push(() => sim.close());
    const large = await sim.ensureLargeFile(SIZE, `bench-${SIZE}.gcode.3mf`);
    const small = await sim.ensureLargeFile(20 * MB, `bench-${20 * MB}.gcode.3mf`);
    fleet.push({
      kind: "bambu",
      host: sim.host,
      serial: sim.serial,
      accessCode: sim.accessCode,
      model: sim.model,
      mqttPort: sim.mqttPort,
      ftpPort: sim.ftpPort,
      cameraPort: sim.cameraPort,
      caCertPem: sim.caCertPem,
      large: { remote: large, disk: path.join(sim.storageDir, large) },
      small: { remote: small, disk: path.join(sim.storageDir, small) },
    });
  }
  process.stdout.write(`${JSON.stringify(fleet)}\n`);
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once("end", resolve));
  await Promise.all(closers.map((close) => close()));
}

/** Starts the simulator child and waits for its fleet line. */
async function startFleet(): Promise<{ fleet: Endpoint[]; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--serve", "--mb", String(flags.mb)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`simulator process exited (${code}) before it was ready`)));
  });
  lines.close();
  return {
    fleet: JSON.parse(first) as Endpoint[],
    stop: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

async function bench(): Promise<void> {
  console.log(`bench/files.ts on Node ${process.version}`);
  const dir = await mkdtemp(path.join(tmpdir(), "printernizer-files-bench-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  process.env.PRINTERNIZER_DATA_DIR = dir;
  process.env.LOG_LEVEL ??= "error";

  const { applyMigrations } = await import("@/lib/db/migrate");
  const { closeDb, db } = await import("@/lib/db");
  const { queueIfIdle } = await import("@/lib/files/queue");
  const { addBambuPrinter, addPrusaPrinter, waitFor } = await import("@/testing/worker/printers");
  const { supervisorConfigFromEnv } = await import("@/worker/printers/config");
  const { PrinterSupervisor } = await import("@/worker/printers/supervisor");
  const { DownloadQueue } = await import("@/worker/files/download-queue");
  const { FileSync } = await import("@/worker/files/file-sync");
  const { supervisorAccess } = await import("@/worker/files/index");

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
  const simulators = await startFleet();
  // The product's own timings: the tests' fast polling would cost this process CPU a real worker does not spend.
  const supervisor = new PrinterSupervisor({ config: supervisorConfigFromEnv() });
  try {
    const printers: (Endpoint & { id: string })[] = [];
    for (const [i, e] of simulators.fleet.entries()) {
      const added = e.kind === "prusa" ? await addPrusaPrinter(e, `Core One ${i + 1}`) : await addBambuPrinter(e, `A1 ${i + 1 - PRUSAS}`);
      printers.push({ ...e, id: added.id });
    }
    await supervisor.start();
    const access = supervisorAccess(supervisor);
    await waitFor(() => printers.every((p) => access.driver(p.id)), "all printers online", 30_000);
    const filesRoot = path.join(dir, "files");
    const sync = new FileSync(access, { syncMs: 3_600_000 });
    const queue = new DownloadQueue(access, { root: filesRoot, maxDownloads: 5, perPrinter: 1, pollMs: 50 });
    await queue.start();

    /** Queue to verified LocalFile row (the row's finishedAt, so polling here adds nothing); the copy is removed afterwards. */
    async function download(p: (typeof printers)[number], remote: string): Promise<{ ms: number; cpuMs: number; sha256: string; bytes: number }> {
      await sync.sync(p.id);
      const file = await db.printerFile.findFirstOrThrow({ where: { printerId: p.id, path: remote } });
      await db.localFile.deleteMany({ where: { printerFileId: file.id } });
      const started = Date.now();
      const cpu = process.cpuUsage();
      const downloadId = await queueIfIdle(file.id, p.id, null);
      queue.kick();
      // Polled slowly: the time comes from the row, and each query costs this process CPU the download could use.
      let row = await db.download.findUniqueOrThrow({ where: { id: downloadId ?? "" } });
      while (row.status !== "done" && row.status !== "failed") {
        await new Promise((resolve) => setTimeout(resolve, 250));
        row = await db.download.findUniqueOrThrow({ where: { id: downloadId ?? "" } });
      }
      const used = process.cpuUsage(cpu);
      if (row.status !== "done" || !row.finishedAt) throw new Error(`download failed: ${row.error}`);
      const local = await db.localFile.findUniqueOrThrow({ where: { id: row.localFileId ?? "" } });
      await rm(path.join(filesRoot, local.relativePath), { force: true });
      return { ms: row.finishedAt.getTime() - started, cpuMs: (used.user + used.system) / 1000, sha256: local.sha256, bytes: Number(local.size) };
    }

    /**
     * curl fetching `remote` into `sink` ("file": a file next to our files root, "sha256": piped into sha256sum,
     * "null": /dev/null); wall time and the CPU time of curl and its pipeline (the shell's `times`).
     */
    async function curl(p: (typeof printers)[number], remote: string, sink: "file" | "sha256" | "null"): Promise<{ ms: number; cpuMs: number }> {
      const source =
        p.kind === "prusa"
          ? ["--digest", "-u", `maker:${p.password}`, `${p.url}${remote}`]
          : ["-k", "--ssl-reqd", "-u", `bblp:${p.accessCode}`, `ftps://127.0.0.1:${p.ftpPort}${remote}`];
      const out = path.join(dir, "curl.out");
      const quoted = source.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ");
      const command = {
        file: `curl -s -S -o '${out}' ${quoted} && sync '${out}'`,
        sha256: `curl -s -S ${quoted} | sha256sum`,
        null: `curl -s -S -o /dev/null ${quoted}`,
      }[sink];
      const started = performance.now();
      const { stdout } = await run("sh", ["-c", `${command} >/dev/null; times`], { maxBuffer: MB });
      const ms = performance.now() - started;
      await rm(out, { force: true });
      // `times` prints the shell's user/system time, then its children's ("0m0.310s 0m0.120s").
      const children = stdout.trim().split("\n").at(-1) ?? "";
      const cpuMs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((n, m) => n + (Number(m[1]) * 60 + Number(m[2])) * 1000, 0);
      return { ms, cpuMs };
    }
    const rate = (r: { ms: number; cpuMs: number }) => `${mbps(SIZE, r.ms)}, ${(r.cpuMs / 1000).toFixed(2)} s CPU`;

    const idleCpu = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const idle = process.cpuUsage(idleCpu);
    report("our process idle (5 printers connected, no download)", `${((idle.user + idle.system) / 2_000).toFixed(0)} ms CPU per s`);

    // A worker runs for months: measure its warmed-up path (JIT-compiled, connections known), as curl has nothing to warm.
    const smallRun = await withMemory(() => download(printers[0], printers[0].small.remote));
    report(
      "PrusaLink 20 MB (warm-up), memory during download (compare with the large file)",
      `rss before ${smallRun.rssBaseMb.toFixed(0)} MB, growth during +${(smallRun.rssPeakMb - smallRun.rssBaseMb).toFixed(0)} MB, heap peak ${smallRun.heapPeakMb.toFixed(0)} MB`,
    );
    await download(printers[PRUSAS], printers[PRUSAS].small.remote);

    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    for (const [i, label] of [
      [0, "PrusaLink (HTTP)"],
      [PRUSAS, "Bambu A1 (FTPS)"],
    ] as const) {
      const p = printers[i];
      const expected = await sha256File(p.large.disk);
      // Ours and curl take turns, ROUNDS times: one run of either swings by tens of percent on a shared
      // machine (page cache, the other core), so each side is reported as its median and every sample.
      const ours: { ms: number; cpuMs: number }[] = [];
      const curlFile: { ms: number; cpuMs: number }[] = [];
      // Per round: what the process held before the download, and how far above that it went during it.
      const memory: { rssBaseMb: number; rssGrowthMb: number; heapPeakMb: number }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const measured = await withMemory(() => download(p, p.large.remote));
        if (measured.result.sha256 !== expected) throw new Error(`${label}: SHA-256 differs from the simulator's file`);
        if (measured.result.bytes !== SIZE) throw new Error(`${label}: ${measured.result.bytes} bytes stored, ${SIZE} expected`);
        ours.push(measured.result);
        memory.push({ rssBaseMb: measured.rssBaseMb, rssGrowthMb: measured.rssPeakMb - measured.rssBaseMb, heapPeakMb: measured.heapPeakMb });
        curlFile.push(await curl(p, p.large.remote, "file"));
      }
      const samples = (runs: { ms: number }[]) => runs.map((r) => mbps(SIZE, r.ms)).join(", ");
      const oursMs = median(ours.map((r) => r.ms));
      const curlMs = median(curlFile.map((r) => r.ms));
      report(
        `${label} ${SIZE / MB} MB, our download path (file + sha256 + fsync), median of ${ROUNDS}`,
        `${mbps(SIZE, oursMs)}, ${(median(ours.map((r) => r.cpuMs)) / 1000).toFixed(2)} s CPU (${samples(ours)})`,
      );
      report(
        `${label} ${SIZE / MB} MB, curl -o file + sync, same disk, median of ${ROUNDS}`,
        `${mbps(SIZE, curlMs)}, ${(median(curlFile.map((r) => r.cpuMs)) / 1000).toFixed(2)} s CPU (${samples(curlFile)})`,
      );
      report(`${label} ${SIZE / MB} MB, curl | sha256sum`, rate(await curl(p, p.large.remote, "sha256")));
      report(`${label} ${SIZE / MB} MB, curl -o /dev/null (wire only)`, rate(await curl(p, p.large.remote, "null")));
      report(`${label} ${SIZE / MB} MB, ours / curl -o file (medians)`, `${((100 * curlMs) / oursMs).toFixed(0)} %`);
      report(
        `${label} ${SIZE / MB} MB, memory during our downloads`,
        `rss before ${memory.map((m) => m.rssBaseMb.toFixed(0)).join("/")} MB, growth during ${memory.map((m) => `+${m.rssGrowthMb.toFixed(0)}`).join("/")} MB, heap peak ${Math.max(...memory.map((m) => m.heapPeakMb)).toFixed(0)} MB`,
      );
    }

    const concurrent = await withMemory(async () => {
      const started = performance.now();
      const results = await Promise.all(printers.map((p) => download(p, p.large.remote)));
      return { results, ms: performance.now() - started };
    });
    const total = concurrent.result.results.reduce((n, r) => n + r.bytes, 0);
    for (const [i, r] of concurrent.result.results.entries()) {
      if (r.sha256 !== (await sha256File(printers[i].large.disk))) throw new Error(`concurrent ${i}: SHA-256 differs`);
    }
    report(
      `5 concurrent downloads from 5 printers (${PRUSAS} PrusaLink, ${BAMBUS} Bambu), ${(total / MB).toFixed(0)} MB total`,
      `${mbps(total, concurrent.result.ms)} aggregate, ${(concurrent.result.ms / 1000).toFixed(1)} s`,
    );
    report("5 concurrent, per download", concurrent.result.results.map((r, i) => `${printers[i].kind} ${mbps(r.bytes, r.ms)}`).join(", "));
    report(
      "5 concurrent, memory",
      `rss ${concurrent.rssBaseMb.toFixed(0)} -> peak ${concurrent.rssPeakMb.toFixed(0)} MB, heap peak ${concurrent.heapPeakMb.toFixed(0)} MB`,
    );
    await queue.stop();
  } catch (err) {
    process.stderr.write(`benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  } finally {
    await supervisor.stop();
    await simulators.stop();
    await closeDb();
    await rm(dir, { recursive: true, force: true });
  }
  process.stdout.write("\n");
  const width = Math.max(...rows.map(([n]) => n.length));
  for (const [name, value] of rows) process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
}

const workerV8Flags = ["--liftoff-only", "--max-semi-space-size=1"];
if (flags.serve) await serve();
else if (workerV8Flags.every((flag) => process.execArgv.includes(flag))) await bench();
else {
  const child = spawn(process.execPath, [...workerV8Flags, "--import", "tsx", fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit" });
  process.exitCode = await new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
}
