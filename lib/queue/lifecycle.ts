import { db } from "@/lib/db";
import { notifyQueue } from "./repository";

/**
 * What the worker's job tracker tells the queue: a job the printer reports after a
 * dispatch's start belongs to that dispatch's item (customer, order and business use go
 * over to the job), and the item ends with its job.
 */

/** The file name part of a printer path ("/cache/a.gcode.3mf" → "a.gcode.3mf"). */
const baseName = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/**
 * Links a job that just started on the printer to the item whose start was sent there.
 * Matched by printer and file name; null when no dispatch waits for this job.
 */
export async function linkStartedJob(printerId: string, job: { id: string; fileName: string | null; name: string }, at: Date): Promise<string | null> {
  const waiting = await db.queueItem.findMany({
    where: { assignedPrinterId: printerId, status: "dispatching", dispatchStage: "start_sent" },
    orderBy: { dispatchedAt: "asc" },
  });
  const reported = [job.fileName, job.name].filter((n): n is string => !!n).map((n) => baseName(n).toLowerCase());
  const sent = (i: (typeof waiting)[number]) => baseName(i.dispatchPath ?? "").toLowerCase();
  // A printer that reports no name, or a DOS short name ("QUEUE-~1.BGC"), cannot be matched by name: then the one waiting start is it.
  const unnamed = reported.length === 0 || reported.some((n) => n.includes("~"));
  const item = waiting.find((i) => reported.some((n) => n === sent(i) || sent(i).startsWith(n))) ?? (unnamed && waiting.length === 1 ? waiting[0] : undefined);
  if (!item) return null;
  // One transaction: nobody may see the item printing while its job is not yet linked.
  const linked = await db.$transaction(async (tx) => {
    const { count } = await tx.queueItem.updateMany({
      where: { id: item.id, status: "dispatching" },
      data: { status: "printing", jobId: job.id, startedAt: at, failureCode: null, failureDetail: null },
    });
    if (count === 0) return false;
    await tx.job.update({
      where: { id: job.id },
      data: { queueItemId: item.id, customer: item.customer, orderReference: item.orderReference, businessUse: item.businessUse },
    });
    return true;
  });
  if (!linked) return null;
  await notifyQueue([item.id], { status: "printing" });
  return item.id;
}

/** The item of a job that ended: done when the print finished, failed otherwise. */
export async function endQueueItemOfJob(jobId: string, status: "finished" | "failed" | "cancelled", printerId: string): Promise<{ id: string; failed: boolean } | null> {
  const item = await db.queueItem.findFirst({ where: { jobId, status: "printing" }, select: { id: true } });
  if (!item) return null;
  const failed = status !== "finished";
  await db.queueItem.update({
    where: { id: item.id },
    data: failed
      ? { status: "failed", finishedAt: new Date(), failureCode: status === "failed" ? "print_failed" : "print_cancelled", failureDetail: JSON.stringify({ printerId }) }
      : { status: "done", finishedAt: new Date() },
  });
  await notifyQueue([item.id], failed ? { status: "failed", failureCode: status === "failed" ? "print_failed" : "print_cancelled" } : { status: "done" });
  return { id: item.id, failed };
}
