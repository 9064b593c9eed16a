import { z } from "zod";
import { toDecimalString } from "../money/money";
import type { JobTotals } from "../money/vat";

/** A rounded cost line as job costs and quotes store it (no database access: safe in the browser). */
export const storedLineSchema = z.object({
  kind: z.enum(["material", "energy", "machine", "labour", "markup"]),
  label: z.string().optional(),
  unit: z.enum(["g", "kWh", "h", "%"]),
  /** Shown to people; rounded to 4 places (the cents were computed exactly). */
  quantity: z.string(),
  unitPriceCents: z.string(),
  netCents: z.number().int(),
});
export type StoredLine = z.infer<typeof storedLineSchema>;

export function storedLines(totals: JobTotals): StoredLine[] {
  return totals.lines.map((line) => ({
    kind: line.kind,
    ...(line.label === undefined ? {} : { label: line.label }),
    unit: line.unit,
    quantity: toDecimalString(line.quantity, 4),
    unitPriceCents: toDecimalString(line.unitPriceCents, 4),
    netCents: line.netCents,
  }));
}
