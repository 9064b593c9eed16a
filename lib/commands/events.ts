import { z } from "zod";

/** The event the worker appends when a command ends (listed in lib/catalog/events.ts). */
export const commandEventSchemas = {
  "command.finished": z.object({
    commandId: z.number().int(),
    type: z.string(),
    printerId: z.string().nullable(),
    status: z.enum(["succeeded", "failed"]),
    error: z.string().nullable(),
  }),
} as const;
