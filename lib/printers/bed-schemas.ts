import { z } from "zod";

/** Wire formats of a printer's bed state: nothing starts on a bed that holds the last print's part. */

export const bedStates = ["clear", "needs_clearing"] as const;
export type BedState = (typeof bedStates)[number];
/** Why a bed needs clearing: the last print's end, or a printer first seen idle. */
export const bedReasons = ["finished", "failed", "cancelled", "first_seen"] as const;
export type BedReason = (typeof bedReasons)[number];

/** A printer's bed as the API and the printer.bed event show it. */
export const bedViewSchema = z.object({
  state: z.enum(bedStates),
  since: z.iso.datetime().nullable(),
  /** Set while the bed needs clearing. */
  reason: z.enum(bedReasons).nullable(),
  /** Starts there without an operator confirming the bed. */
  autoStart: z.boolean(),
});
export type BedView = z.infer<typeof bedViewSchema>;

export const bedClearedResponseSchema = z.object({ bed: bedViewSchema });
