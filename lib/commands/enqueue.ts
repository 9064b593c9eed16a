import { db } from "@/lib/db";
import { commandSchemas, type CommandPayload, type CommandType } from "./schemas";

export async function enqueueCommand<T extends CommandType>(
  type: T,
  payload: CommandPayload<T>,
  opts: { printerId?: string | null; createdById?: string | null } = {},
): Promise<number> {
  const parsed = commandSchemas[type].parse(payload);
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
