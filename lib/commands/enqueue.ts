import type { z } from "zod";
import { db } from "@/lib/db";

/** Command types and their payload schemas, as each domain declares its own (gathered in lib/catalog/commands.ts). */
export type CommandSchemas = Readonly<Record<string, z.ZodType>>;

/** Queues one command for the worker; the payload is validated against the caller's domain schemas. */
export async function enqueueCommand<M extends CommandSchemas, T extends keyof M & string>(
  schemas: M,
  type: T,
  payload: z.infer<M[T]>,
  opts: { printerId?: string | null; createdById?: string | null } = {},
): Promise<number> {
  const parsed: unknown = schemas[type].parse(payload);
  const row = await db.command.create({
    data: {
      type,
      payload: JSON.stringify(parsed),
      printerId: opts.printerId ?? null,
      createdById: opts.createdById ?? null,
    },
    select: { id: true },
  });
  return row.id;
}
