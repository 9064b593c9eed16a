/**
 * Operations figures: backup duration and size for a database with 100,000 jobs and
 * N temperature samples (default 1 million; `--samples 10000000`), restore duration, and
 * /api/metrics response time with 100 printers' status rows. The bundle size comes from
 * scripts/ci/dockerfile-steps.sh. Run: `npx tsx bench/ops.ts [--samples N]`.
 * Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const samplesArg = process.argv.indexOf("--samples");
const SAMPLES = samplesArg > 0 ? Number(process.argv[samplesArg + 1]) : 1_000_000;
const JOBS = 100_000;
const PRINTERS = 100;

const dir = mkdtempSync(path.join(tmpdir(), "printernizer-bench-ops-"));
const dbFile = path.join(dir, "printernizer.db");
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.PRINTERNIZER_DATA_DIR = dir;
process.env.PRINTERNIZER_METRICS_ALLOW = "127.0.0.1/32";
process.env.LOG_LEVEL ??= "warn";

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  console.log(`bench/ops.ts on Node ${process.version}`);
  const { applyMigrations } = await import("@/lib/db/migrate");
  await applyMigrations();

  const t0 = performance.now();
  const raw = new Database(dbFile);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF");
  const now = Date.now();
  raw.transaction(() => {
    const printer = raw.prepare("INSERT INTO Printer (id, name, kind, host, model, credentials, tls, enabled, createdAt, updatedAt) VALUES (?, ?, ?, '127.0.0.1', 'A1', '{}', 'verify', 1, ?, ?)");
    const status = raw.prepare("INSERT INTO PrinterStatus (printerId, online, state, data, lastMessageAt, reconnects, updatedAt) VALUES (?, 1, 'printing', ?, ?, 2, ?)");
    const data = JSON.stringify({ online: true, state: "printing", nozzle: { current: 219.8, target: 220 }, bed: { current: 64.9, target: 65 }, chamber: { current: 31, target: null }, progress: 42 });
    for (let p = 0; p < PRINTERS; p++) {
      printer.run(`p${p}`, `Printer ${p}`, p % 2 ? "prusalink" : "bambu", now, now);
      status.run(`p${p}`, data, now - 3_000, now);
    }
    const job = raw.prepare("INSERT INTO Job (id, printerId, name, status, progress, startedAt, endedAt, durationSeconds, filamentGrams, createdAt, updatedAt) VALUES (?, ?, ?, ?, 100, ?, ?, 3600, 42.5, ?, ?)");
    for (let j = 0; j < JOBS; j++) {
      const started = now - (JOBS - j) * 600_000;
      job.run(`job${j}`, `p${j % PRINTERS}`, `Halterung ${j}`, j % 10 === 0 ? "failed" : "finished", started, started + 3_600_000, started, started);
    }
  })();
  const sample = raw.prepare("INSERT INTO TemperatureSample (printerId, at, nozzle, nozzleTarget, bed, bedTarget, chamber) VALUES (?, ?, ?, 220, ?, 65, 30)");
  const chunk = 200_000;
  for (let done = 0; done < SAMPLES; done += chunk) {
    raw.transaction(() => {
      for (let i = done; i < Math.min(SAMPLES, done + chunk); i++) sample.run(`p${i % PRINTERS}`, now - (SAMPLES - i) * 1000, 200 + (i % 20), 60 + (i % 5));
    })();
  }
  raw.pragma("wal_checkpoint(TRUNCATE)");
  raw.close();
  console.log(`seeded ${JOBS.toLocaleString("en")} jobs, ${SAMPLES.toLocaleString("en")} samples, ${PRINTERS} printers in ${s(performance.now() - t0)}; database ${mb(statSync(dbFile).size)}`);

  const { runBackup } = await import("@/lib/backup/run");
  const backup = await runBackup({ dbFile, backupDir: path.join(dir, "backups"), filesDir: null, retention: { daily: 7, weekly: 4, monthly: 12 } });
  console.log(`backup (online copy + integrity_check + row counts): ${s(backup.durationMs)}, ${mb(backup.sizeBytes)}`);

  const { scrapeMetrics } = await import("@/lib/catalog/database-gauges");
  const { GET } = await import("@/app/api/metrics/route");
  const { NextRequest } = await import("next/server");
  await scrapeMetrics();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const res = await GET(new NextRequest("http://127.0.0.1/api/metrics", { headers: { "x-forwarded-for": "127.0.0.1" } }), { params: Promise.resolve({}) });
    bytes = (await res.text()).length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`/api/metrics with ${PRINTERS} printers (${JOBS.toLocaleString("en")} jobs): median ${times[10].toFixed(1)} ms, max ${times[19].toFixed(1)} ms, ${(bytes / 1024).toFixed(0)} KiB`);

  const { closeDb } = await import("@/lib/db");
  const { restoreSqlite } = await import("@/lib/backup/restore");
  await closeDb();
  const tr = performance.now();
  await restoreSqlite({ source: path.join(dir, "backups", backup.file), dbFile });
  console.log(`restore (copy + integrity_check + atomic rename): ${s(performance.now() - tr)}`);
  await closeDb();
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
