import { db } from "@/lib/db";
import type { StreamEvent } from "./stream-event";

/** Events with id > afterId, oldest first; one indexed range query. */
export async function readEventsAfter(afterId: number, limit: number): Promise<StreamEvent[]> {
  const rows = await db.event.findMany({
    where: { id: { gt: afterId } },
    orderBy: { id: "asc" },
    take: limit,
  });
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    printerId: r.printerId,
    createdAt: r.createdAt.toISOString(),
    payload: JSON.parse(r.payload) as unknown,
  }));
}

export async function latestEventId(): Promise<number> {
  const row = await db.event.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return row?.id ?? 0;
}
