import { db } from "@/lib/db";
import { eventSchemas, type EventPayload, type EventType } from "./schemas";

/** Appends one event; the payload is validated so nothing malformed enters the log. */
export async function appendEvent<T extends EventType>(
  type: T,
  payload: EventPayload<T>,
  printerId: string | null = null,
): Promise<number> {
  const parsed = eventSchemas[type].parse(payload);
  const row = await db.event.create({
    data: { type, printerId, payload: JSON.stringify(parsed) },
    select: { id: true },
  });
  return row.id;
}
