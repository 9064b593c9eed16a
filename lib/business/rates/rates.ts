import { z } from "zod";
import { db } from "@/lib/db";
import { pickRateAt } from "../costing/cost-model";
import { parseDecimal } from "../money/money";
import { centsDecimal, type RateInput, type RateView } from "./schemas";
import { vatModes, vatRateBpSchema, type VatMode, type VatRateBp } from "../money/vat";

export { rateInputSchema, rateViewSchema, type RateInput, type RateView } from "./schemas";

/**
 * Dated prices and VAT settings (BusinessRate rows). A change is a new row with the
 * day it applies from; old rows stay, so a recompute of an old job uses the prices of
 * its day (`pickRateAt` on the job's end).
 */

export interface BusinessRate {
  id: string;
  validFrom: Date;
  electricityCentsPerKwh: string;
  machineCentsPerHour: string;
  labourCentsPerHour: string;
  printerPowerWatts: number;
  defaultMarkupBp: number;
  vatMode: VatMode;
  defaultVatRateBp: VatRateBp;
}

/** Used until the shop enters its own prices: 19 % VAT, no markup, plausible German prices. */
export const DEFAULT_RATE: BusinessRate = {
  id: "default",
  validFrom: new Date(0),
  electricityCentsPerKwh: "35",
  machineCentsPerHour: "50",
  labourCentsPerHour: "0",
  printerPowerWatts: 120,
  defaultMarkupBp: 0,
  vatMode: "standard",
  defaultVatRateBp: 1900,
};

interface RateRow {
  id: string;
  validFrom: Date;
  electricityCentsPerKwh: string;
  machineCentsPerHour: string;
  labourCentsPerHour: string;
  printerPowerWatts: number;
  defaultMarkupBp: number;
  vatMode: string;
  defaultVatRateBp: number;
  createdAt: Date;
}

/** A row edited by hand into something invalid is refused instead of priced. */
export function toBusinessRate(row: RateRow): BusinessRate {
  return {
    id: row.id,
    validFrom: row.validFrom,
    electricityCentsPerKwh: centsDecimal.parse(row.electricityCentsPerKwh),
    machineCentsPerHour: centsDecimal.parse(row.machineCentsPerHour),
    labourCentsPerHour: centsDecimal.parse(row.labourCentsPerHour),
    printerPowerWatts: row.printerPowerWatts,
    defaultMarkupBp: row.defaultMarkupBp,
    vatMode: z.enum(vatModes).parse(row.vatMode),
    defaultVatRateBp: vatRateBpSchema.parse(row.defaultVatRateBp),
  };
}

export function toRateView(row: RateRow): RateView {
  const rate = toBusinessRate(row);
  return { ...rate, validFrom: row.validFrom.toISOString(), createdAt: row.createdAt.toISOString() };
}

export async function listRates(): Promise<RateView[]> {
  const rows = await db.businessRate.findMany({ orderBy: [{ validFrom: "desc" }, { createdAt: "desc" }] });
  return rows.map(toRateView);
}

/** validFrom is stored as UTC midnight of the date; rateEffectiveFrom reads it as that Berlin day. */
export async function addRate(input: RateInput, createdById: string | null): Promise<RateView> {
  parseDecimal(input.electricityCentsPerKwh);
  const row = await db.businessRate.create({
    data: { ...input, validFrom: new Date(`${input.validFrom}T00:00:00Z`), createdById },
  });
  return toRateView(row);
}

/** The rate in force at an instant; the default when none was entered for that day yet. */
export async function rateAt(at: Date): Promise<BusinessRate> {
  const rows = await db.businessRate.findMany({ where: { validFrom: { lte: new Date(at.getTime() + 86_400_000) } }, orderBy: { createdAt: "asc" } });
  return pickRateAt(rows.map(toBusinessRate), at) ?? DEFAULT_RATE;
}
