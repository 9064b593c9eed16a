import { z } from "zod";

/** Commands to the worker process itself (listed in lib/catalog/commands.ts). */
export const workerCommandSchemas = {
  /** Round trip through the queue; the settings page uses it to prove the worker answers. */
  "worker.ping": z.object({}),
} as const;
