import { z } from "zod";

/**
 * Every event type and the shape of its payload. Producers append through
 * appendEvent(), which validates against this map, so consumers can trust payloads.
 */
export const eventSchemas = {
  "worker.heartbeat": z.object({ holder: z.string(), at: z.string(), startedAt: z.string() }),
  "worker.lease": z.object({ holder: z.string(), acquired: z.boolean() }),
  "command.finished": z.object({
    commandId: z.number().int(),
    type: z.string(),
    printerId: z.string().nullable(),
    status: z.enum(["succeeded", "failed"]),
    error: z.string().nullable(),
  }),
} as const;

export type EventType = keyof typeof eventSchemas;
export type EventPayload<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;

/** What the browser receives on the stream (and what /api/events?since= returns). */
export interface StreamEvent {
  id: number;
  type: string;
  printerId: string | null;
  createdAt: string;
  payload: unknown;
}
