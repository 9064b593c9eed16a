import type { z } from "zod";
import { db } from "@/lib/db";
import { eventsAppended } from "./wake";

/** Event types and their payload schemas, as each domain declares its own (gathered in lib/catalog/events.ts). */
export type EventSchemas = Readonly<Record<string, z.ZodType>>;

export interface EventRow {
  type: string;
  printerId: string | null;
  payload: string;
}

/**
 * The Event row for one event of the given schemas, validated so nothing malformed enters
 * the log, for a caller that stores many rows in one transaction (worker/printers/status-batch.ts).
 */
export function eventRow<M extends EventSchemas, T extends keyof M & string>(schemas: M, type: T, payload: z.infer<M[T]>, printerId: string | null = null): EventRow {
  const parsed: unknown = schemas[type].parse(payload);
  return { type, printerId, payload: JSON.stringify(parsed) };
}

/**
 * Appends one event of the given schemas; the payload is validated so nothing malformed
 * enters the log. The caller passes its domain's schemas, so this module knows no domain.
 */
export async function appendEvent<M extends EventSchemas, T extends keyof M & string>(
  schemas: M,
  type: T,
  payload: z.infer<M[T]>,
  printerId: string | null = null,
): Promise<number> {
  const row = await db.event.create({ data: eventRow(schemas, type, payload, printerId), select: { id: true } });
  eventsAppended();
  return row.id;
}
