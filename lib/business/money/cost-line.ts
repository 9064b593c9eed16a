import type { Rational } from "./money";

export const costKinds = ["material", "energy", "machine", "labour", "markup"] as const;
export type CostKind = (typeof costKinds)[number];

/** "g" grams of material, "kWh" energy, "h" machine or labour hours, "%" markup percent. */
export type CostUnit = "g" | "kWh" | "h" | "%";

/** One priced part of a job, before rounding. Invariant: exactCents = quantity × unitPriceCents. */
export interface CostLine {
  kind: CostKind;
  /** Shown next to the kind, e.g. the material or spool name. */
  label?: string;
  quantity: Rational;
  unit: CostUnit;
  /** Net cents per unit, exact (34.12 ct/kWh stays 34.12). */
  unitPriceCents: Rational;
  /** The line's net amount in cents, exact; vat.ts rounds it once. */
  exactCents: Rational;
}
