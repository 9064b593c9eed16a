import { db } from "@/lib/db";

/**
 * When each printer's open job started, by printer id. Bambu printers do not report a
 * start time for prints begun before the worker connected; the job's row does.
 */
export async function openJobStarts(printerIds?: readonly string[]): Promise<Record<string, string>> {
  const rows = await db.job.findMany({
    where: { status: { in: ["printing", "paused"] }, ...(printerIds ? { printerId: { in: [...printerIds] } } : {}) },
    select: { printerId: true, startedAt: true },
    orderBy: { startedAt: "asc" },
  });
  return Object.fromEntries(rows.map((r) => [r.printerId, r.startedAt.toISOString()]));
}
