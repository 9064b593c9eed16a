import { z } from "zod";
import { apiError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { pickRateAt, rateEffectiveFrom } from "../costing/cost-model";
import { parseDecimal } from "../money/money";
import { centsDecimal, type RateInput, type RateView } from "./schemas";
import { vatModes, vatRateBpSchema, type VatMode, type VatRateBp } from "../money/vat";

export { rateInputSchema, rateViewSchema, type RateInput, type RateView } from "./schemas";

/**
 * Dated prices and VAT settings (BusinessRate rows). A change is a new row with the
 * day it applies from; old rows stay, so a recompute of an old job uses the prices of
 * its day (`pickRateAt` on the job's end). There is one entry per day (a unique index),
 * and only an entry that is not yet in force can be changed or deleted: jobs were
 * priced with the others.
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

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/** Runs a write that sets validFrom; a day that already has an entry is a 409, not a 500. */
async function onePerDay<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw apiError("rate_date_taken");
    throw error;
  }
}

/** validFrom is stored as UTC midnight of the date; rateEffectiveFrom reads it as that Berlin day. */
function storedDay(validFrom: string): Date {
  return new Date(`${validFrom}T00:00:00Z`);
}

export async function addRate(input: RateInput, createdById: string | null): Promise<RateView> {
  parseDecimal(input.electricityCentsPerKwh);
  const row = await onePerDay(() => db.businessRate.create({ data: { ...input, validFrom: storedDay(input.validFrom), createdById } }));
  return toRateView(row);
}

/** The entry, when it exists and is not yet in force at `now`. */
async function changeableRate(id: string, now: Date) {
  const row = await db.businessRate.findUnique({ where: { id } });
  if (!row) throw apiError("not_found");
  if (rateEffectiveFrom(row).getTime() <= now.getTime()) throw apiError("rate_in_force");
  return row;
}

/** Corrects an entry that is not yet in force; it may not be moved to a day that is already in force either. */
export async function updateRate(id: string, input: RateInput, now = new Date()): Promise<RateView> {
  parseDecimal(input.electricityCentsPerKwh);
  await changeableRate(id, now);
  const validFrom = storedDay(input.validFrom);
  if (rateEffectiveFrom({ validFrom }).getTime() <= now.getTime()) throw apiError("rate_in_force");
  const row = await onePerDay(() => db.businessRate.update({ where: { id }, data: { ...input, validFrom } }));
  return toRateView(row);
}

/** Deletes an entry that is not yet in force. */
export async function deleteRate(id: string, now = new Date()): Promise<RateView> {
  const row = await changeableRate(id, now);
  await db.businessRate.delete({ where: { id } });
  return toRateView(row);
}

/** The rate in force at an instant; the default when none was entered for that day yet. */
export async function rateAt(at: Date): Promise<BusinessRate> {
  const rows = await db.businessRate.findMany({ where: { validFrom: { lte: new Date(at.getTime() + 86_400_000) } }, orderBy: { createdAt: "asc" } });
  return pickRateAt(rows.map(toBusinessRate), at) ?? DEFAULT_RATE;
}
