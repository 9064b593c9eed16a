import { db } from "@/lib/db";
import type { StreamEvent } from "./stream-event";

type EventRecord = { id: number; type: string; printerId: string | null; createdAt: Date; payload: string };

function toStreamEvent(r: EventRecord): StreamEvent {
  return { id: r.id, type: r.type, printerId: r.printerId, createdAt: r.createdAt.toISOString(), payload: JSON.parse(r.payload) as unknown };
}

/** Events with id > afterId, oldest first; one indexed range query. */
export async function readEventsAfter(afterId: number, limit: number): Promise<StreamEvent[]> {
  const rows = await db.event.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" }, take: limit });
  return rows.map(toStreamEvent);
}

/** The newest `limit` events, oldest first. */
export async function readNewestEvents(limit: number): Promise<StreamEvent[]> {
  const rows = await db.event.findMany({ orderBy: { id: "desc" }, take: limit });
  return rows.reverse().map(toStreamEvent);
}

export async function latestEventId(): Promise<number> {
  const row = await db.event.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return row?.id ?? 0;
}
