import { z } from "zod";

/** Events of the spool inventory (listed in lib/catalog/events.ts). */
export const inventoryEventSchemas = {
  /** A spool fell to the low-stock threshold (once until it is refilled); spool-usage.ts. */
  "spool.low_stock": z.object({ spoolId: z.string(), remainingGrams: z.number().int(), thresholdGrams: z.number().int(), label: z.string() }),
} as const;
