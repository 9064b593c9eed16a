import { z } from "zod";

/** Events of the alerts domain (listed in lib/catalog/events.ts). */
export const alertEventSchemas = {
  /** `params` fill the message "alerts.<type>" (printer name, temperatures, message keys). */
  "alert.raised": z.object({
    alertId: z.string(),
    type: z.string(),
    severity: z.enum(["info", "warning", "critical"]),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  }),
  "alert.resolved": z.object({ alertId: z.string(), type: z.string() }),
  "alert.acknowledged": z.object({ alertId: z.string(), type: z.string(), userId: z.string() }),
} as const;
