import { db } from "@/lib/db";

/** Queues a download unless one is already queued or running; returns the new row's id. */
export async function queueIfIdle(printerFileId: string, printerId: string, createdById: string | null): Promise<string | null> {
  const open = await db.download.findFirst({
    where: { printerFileId, status: { in: ["queued", "downloading"] } },
    select: { id: true },
  });
  if (open) return null;
  const row = await db.download.create({ data: { printerFileId, printerId, status: "queued", createdById }, select: { id: true } });
  return row.id;
}
