import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { db } from "@/lib/db";
import type { FilesConfig } from "@/lib/files/config";
import { planHousekeeping, type HousekeepingPlan } from "@/lib/files/housekeeping-plan";
import { resolveInside } from "@/lib/files/names";
import { GZIP_SUFFIX, TMP_DIR } from "@/lib/files/storage";
import { logger } from "@/lib/log/logger";
import type { WorkerService } from "@/worker/services";

const log = logger("housekeeping");

export interface HousekeepingResult {
  compressed: number;
  deleted: number;
  partsRemoved: number;
}

/** Gzips a local file next to itself, then drops the original; a crash in between leaves the original intact. */
export async function compressLocalFile(root: string, id: string, relativePath: string): Promise<void> {
  const full = resolveInside(root, relativePath);
  const temp = `${full}${GZIP_SUFFIX}.tmp`;
  await pipeline(createReadStream(full), createGzip({ level: 6 }), createWriteStream(temp));
  await rename(temp, full + GZIP_SUFFIX);
  await db.localFile.update({ where: { id }, data: { compressed: true } });
  await rm(full, { force: true });
}

/** Applies a plan made by planHousekeeping; each step is guarded so one bad file does not stop the rest. */
export async function applyHousekeeping(root: string, plan: HousekeepingPlan): Promise<HousekeepingResult> {
  const result: HousekeepingResult = { compressed: 0, deleted: 0, partsRemoved: 0 };
  for (const part of plan.staleParts) {
    await rm(resolveInside(root, `${TMP_DIR}/${part.name}`), { force: true });
    result.partsRemoved += 1;
  }
  for (const file of plan.delete) {
    try {
      const row = await db.localFile.delete({ where: { id: file.id }, select: { thumbnailPath: true } });
      const full = resolveInside(root, file.relativePath);
      await rm(full, { force: true });
      await rm(full + GZIP_SUFFIX, { force: true });
      if (row.thumbnailPath) await rm(resolveInside(root, row.thumbnailPath), { force: true });
      result.deleted += 1;
    } catch (err) {
      log.warn({ err, file: file.relativePath }, "could not delete local file");
    }
  }
  for (const file of plan.compress) {
    try {
      await compressLocalFile(root, file.id, file.relativePath);
      result.compressed += 1;
    } catch (err) {
      log.warn({ err, file: file.relativePath }, "could not compress local file");
    }
  }
  return result;
}

/** Runs housekeeping now and then every `housekeepingMs`. */
export class Housekeeping implements WorkerService {
  readonly name = "housekeeping";
  private timer: ReturnType<typeof setTimeout> | null = null;
  private run: Promise<void> | null = null;
  private running = false;

  constructor(private readonly config: FilesConfig) {}

  start(): void {
    this.running = true;
    this.schedule(60_000);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.run;
  }

  private schedule(delay: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.run = planHousekeeping(this.config)
        .then((plan) => applyHousekeeping(this.config.root, plan))
        .then((result) => {
          if (result.compressed + result.deleted + result.partsRemoved > 0) log.info(result, "housekeeping done");
        })
        .catch((err: unknown) => log.warn({ err }, "housekeeping failed"))
        .finally(() => {
          this.run = null;
          this.schedule(this.config.housekeepingMs);
        });
    }, delay);
  }
}
