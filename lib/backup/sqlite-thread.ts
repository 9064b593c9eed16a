import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { z } from "zod";

/**
 * SQLite backup and verification run on a thread of their own: copying and
 * `PRAGMA integrity_check` of a large database take seconds, and on the worker's main
 * thread they would stall heartbeats and printer connections. The thread's code is
 * plain CommonJS (no TypeScript loader in threads), handed the driver's resolved path.
 */
const threadSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
(async () => {
  if (workerData.source) {
    const source = new Database(workerData.source, { fileMustExist: true, timeout: 10000 });
    try {
      // One step copies every page under one read transaction: a consistent snapshot that
      // WAL mode lets writers continue past, instead of restarting on each concurrent write.
      await source.backup(workerData.target, { progress: () => 0x7fffffff });
    } finally {
      source.close();
    }
    const copy = new Database(workerData.target, { fileMustExist: true });
    copy.pragma("journal_mode = DELETE");
    copy.close();
  }
  const check = new Database(workerData.target, { readonly: true, fileMustExist: true });
  try {
    const problems = check.pragma("integrity_check", { simple: false }).map((row) => String(row.integrity_check));
    const tables = check
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all();
    const counts = {};
    for (const name of workerData.countTables ? tables : []) {
      counts[name] = check.prepare('SELECT count(*) FROM "' + name.replace(/"/g, '""') + '"').pluck().get();
    }
    parentPort.postMessage({ ok: problems.length === 1 && problems[0] === "ok", problems: problems.slice(0, 20), counts });
  } finally {
    check.close();
  }
})().catch((error) => parentPort.postMessage({ error: String((error && error.message) || error) }));
`;

const resultSchema = z.union([
  z.object({ ok: z.boolean(), problems: z.array(z.string()), counts: z.record(z.string(), z.number()) }),
  z.object({ error: z.string() }),
]);

export interface Verification {
  ok: boolean;
  /** "ok", or the first problems integrity_check reported. */
  problems: string[];
  /** Rows per table, when asked for. */
  counts: Record<string, number>;
}

function runThread(data: { source?: string; target: string; countTables: boolean }): Promise<Verification> {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  return new Promise((resolve, reject) => {
    const thread = new Worker(threadSource, { eval: true, workerData: { ...data, driver } });
    thread.once("message", (message: unknown) => {
      const parsed = resultSchema.safeParse(message);
      if (!parsed.success) reject(new Error("backup thread answered with an unexpected message"));
      else if ("error" in parsed.data) reject(new Error(parsed.data.error));
      else resolve(parsed.data);
      void thread.terminate();
    });
    thread.once("error", reject);
    thread.once("exit", (code) => reject(new Error(`backup thread exited with code ${code}`)));
  });
}

/** Copies a live SQLite database to `target` (online, consistent), then verifies the copy. */
export function backupSqliteFile(source: string, target: string, countTables = false): Promise<Verification> {
  return runThread({ source, target, countTables });
}

/** Opens a database file read-only and runs PRAGMA integrity_check on it. */
export function verifySqliteFile(file: string, countTables = false): Promise<Verification> {
  return runThread({ target: file, countTables });
}
