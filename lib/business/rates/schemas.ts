import { z } from "zod";
import { vatModes, vatRateBpSchema } from "../money/vat";

/** Wire formats of the dated prices; no database access, so client components can use them. */

export const centsDecimal = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,6})?$/, "a non-negative decimal number of cents, e.g. 34.12");

export const rateInputSchema = z.strictObject({
  /** The Berlin day from which the rate applies, YYYY-MM-DD. */
  validFrom: z.iso.date(),
  electricityCentsPerKwh: centsDecimal,
  machineCentsPerHour: centsDecimal,
  labourCentsPerHour: centsDecimal,
  printerPowerWatts: z.number().int().min(0).max(10_000),
  defaultMarkupBp: z.number().int().min(-10_000).max(100_000),
  vatMode: z.enum(vatModes),
  defaultVatRateBp: vatRateBpSchema,
});
export type RateInput = z.infer<typeof rateInputSchema>;

export const rateViewSchema = rateInputSchema.extend({
  id: z.string(),
  validFrom: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});
export type RateView = z.infer<typeof rateViewSchema>;
