import type { z } from "zod";
import { db } from "@/lib/db";

/** Event types and their payload schemas, as each domain declares its own (gathered in lib/catalog/events.ts). */
export type EventSchemas = Readonly<Record<string, z.ZodType>>;

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
  const parsed: unknown = schemas[type].parse(payload);
  const row = await db.event.create({
    data: { type, printerId, payload: JSON.stringify(parsed) },
    select: { id: true },
  });
  return row.id;
}
