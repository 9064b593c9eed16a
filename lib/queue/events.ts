import { z } from "zod";
import { queueStatuses } from "./schemas";

/** Events of the print queue (listed in lib/catalog/events.ts). */
export const queueEventSchemas = {
  /**
   * Queue items were added, edited, reordered, dispatched, started, ended or removed,
   * or the whole queue was paused or resumed (`ids` empty). Browsers read the queue again.
   */
  "queue.changed": z.object({
    ids: z.array(z.string()),
    /** The new status of a single item that changed status. */
    status: z.enum(queueStatuses).optional(),
    /** Message key under "queue.failures" when an item failed or was put back. */
    failureCode: z.string().optional(),
  }),
} as const;
