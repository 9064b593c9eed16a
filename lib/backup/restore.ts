import { copyFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { readWorkerStatus } from "@/lib/worker/lease";
import { verifySqliteFile } from "./sqlite-thread";

export class RestoreRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreRefused";
  }
}

export interface RestoreOptions {
  source: string;
  dbFile: string;
  /** Called after the live-lease check, before the file is replaced: close database connections here. */
  beforeReplace?: () => Promise<void>;
  now?: Date;
}

/**
 * Replaces the SQLite database with a backup. Refused while a worker holds a live lease
 * (it would keep writing into the replaced file). The copy is made beside the database
 * and verified there, so the final rename is atomic on the same filesystem; the old
 * -wal/-shm are removed because SQLite would otherwise replay them onto the restored file.
 */
export async function restoreSqlite(opts: RestoreOptions): Promise<{ counts: Record<string, number> }> {
  const worker = await readWorkerStatus(opts.now);
  if (worker.holder) {
    throw new RestoreRefused(`worker ${worker.holder} holds a live lease: stop the worker (and the web) before restoring`);
  }
  const temp = path.join(path.dirname(opts.dbFile), `.${path.basename(opts.dbFile)}.restore-${process.pid}.tmp`);
  try {
    await copyFile(opts.source, temp);
    const verification = await verifySqliteFile(temp, true);
    if (!verification.ok) throw new RestoreRefused(`backup failed integrity_check: ${verification.problems.join("; ")}`);
    await opts.beforeReplace?.();
    await removeJournal(opts.dbFile);
    await rename(temp, opts.dbFile);
    await removeJournal(opts.dbFile);
    return { counts: verification.counts };
  } finally {
    await rm(temp, { force: true });
    await removeJournal(temp);
  }
}

async function removeJournal(dbFile: string): Promise<void> {
  for (const suffix of ["-wal", "-shm", "-journal"]) await rm(`${dbFile}${suffix}`, { force: true });
}
