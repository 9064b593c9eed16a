import { db } from "@/lib/db";
import type { FilamentUse } from "@/lib/jobs/filament";
import { logger } from "@/lib/log/logger";
import { applyJobCost } from "./costing/price-job";
import { deductFilament } from "./inventory/spool-usage";

const log = logger("business");

/**
 * Called by the worker's job tracker when a job ends: takes the job's filament off
 * its spools (per slot when the worker knows the use per filament) and stores its cost. Never throws: a pricing problem must not stop job
 * tracking, and the cost can be recomputed through the API.
 */
export async function onJobFinished(jobId: string, uses: readonly FilamentUse[] | null = null): Promise<void> {
  try {
    const job = await db.job.findUnique({ where: { id: jobId }, select: { printerId: true, filamentGrams: true } });
    if (!job) return;
    await deductFilament(jobId, job.printerId, job.filamentGrams, uses);
    await applyJobCost(jobId, { actorId: null, reason: "job.finished" });
  } catch (err) {
    log.error({ err, jobId }, "job cost not computed");
  }
}
