import { z } from "zod";

/** Events of the worker process itself (listed in lib/catalog/events.ts). */
export const workerEventSchemas = {
  "worker.heartbeat": z.object({ holder: z.string(), at: z.string(), startedAt: z.string() }),
  "worker.lease": z.object({ holder: z.string(), acquired: z.boolean() }),
} as const;
