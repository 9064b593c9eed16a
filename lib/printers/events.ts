import { z } from "zod";
import { bedViewSchema } from "./bed-schemas";
import { normalizedStateSchema } from "./types";

/** Events of the printers domain (listed in lib/catalog/events.ts). */
export const printerEventSchemas = {
  /** A printer was added, edited, enabled/disabled or removed (the worker's supervisor re-reads the table anyway). */
  "printer.changed": z.object({ action: z.enum(["created", "updated", "deleted"]), enabled: z.boolean() }),
  /** The printer's normalized live state after a meaningful change; at most one per second per printer. */
  "printer.state": z.object({ state: normalizedStateSchema }),
  /** The worker's connection to a printer went down or came back; `failure.messageKey` is under "printerErrors". */
  "printer.connection": z.object({
    online: z.boolean(),
    failure: z.object({ kind: z.string(), stage: z.string(), messageKey: z.string() }).nullable(),
  }),
  /** The printer's bed became clear (an operator confirmed it) or needs clearing (a print ended, or first seen idle). */
  "printer.bed": z.object({ bed: bedViewSchema }),
} as const;
