import { berlinDateOf, berlinDayStart } from "../calendar";
import type { CostLine } from "../money/cost-line";
import { add, divide, type Exact, multiply, type Rational, ratio, sumCents, toRational } from "../money/money";
import { computeJobTotals, type JobTotals, roundLineCents, type VatOptions } from "../money/vat";

/**
 * The cost model of one print job: material, energy, machine time, optional labour and
 * a markup, each an exact CostLine (vat.ts rounds them). Quantities and prices are
 * `Exact` values: decimal strings ("12.34"), integers, or scaled integers
 * (`scaled(12340, 3)` grams from milligrams, `ratio(seconds, 60)` minutes), so the
 * cents come out exact.
 */

export interface MaterialUse {
  grams: Exact;
  /** Net cents per kilogram of this spool or material, e.g. 2499 for 24.99 €/kg. */
  pricePerKgCents: Exact;
  label?: string;
}

/** Measured energy when the printer or a smart plug reports it, else a power profile. */
export type EnergyUse =
  | { kind: "measured"; wattHours: Exact }
  | { kind: "profile"; heatUpWatts: Exact; heatUpSeconds: Exact; printingWatts: Exact; printingSeconds: Exact };

export interface JobCostInput {
  /** Several for multi-material (AMS) jobs. */
  materials: readonly MaterialUse[];
  energy?: { use: EnergyUse; centsPerKwh: Exact };
  /** Hourly rate covering depreciation and maintenance of the printer. */
  machine?: { printSeconds: Exact; centsPerHour: Exact };
  labour?: { minutes: Exact; centsPerHour: Exact };
  /** Percent in basis points (1500 = 15 %) on the rounded sum of the other lines; negative for a discount. */
  markupBp?: number;
}

const SECONDS_PER_HOUR = 3600n;
const JOULES_PER_KWH = 3_600_000n;

function nonNegative(value: Exact, label: string): Rational {
  const r = toRational(value);
  if (r.num < 0n) throw new RangeError(`${label} must not be negative`);
  return r;
}

function line(kind: CostLine["kind"], unit: CostLine["unit"], quantity: Rational, unitPriceCents: Rational, label?: string): CostLine {
  return {
    kind,
    ...(label === undefined ? {} : { label }),
    quantity,
    unit,
    unitPriceCents,
    exactCents: multiply(quantity, unitPriceCents),
  };
}

/** kWh of an energy use: Wh / 1000, or (W × s + W × s) / 3.6 MJ. */
export function energyKwh(use: EnergyUse): Rational {
  if (use.kind === "measured") return divide(nonNegative(use.wattHours, "watt-hours"), 1000n);
  const heatUp = multiply(nonNegative(use.heatUpWatts, "heat-up power"), nonNegative(use.heatUpSeconds, "heat-up time"));
  const printing = multiply(nonNegative(use.printingWatts, "printing power"), nonNegative(use.printingSeconds, "printing time"));
  return divide(add(heatUp, printing), JOULES_PER_KWH);
}

/** Net cents per kg of a spool from what it cost and how much filament it held. */
export function pricePerKgOfSpool(spoolPriceCents: Exact, netGrams: Exact): Rational {
  const grams = nonNegative(netGrams, "spool weight");
  if (grams.num === 0n) throw new RangeError("spool weight must be positive");
  return divide(multiply(nonNegative(spoolPriceCents, "spool price"), 1000n), grams);
}

export function assertMarkupBp(markupBp: number): number {
  if (!Number.isSafeInteger(markupBp) || markupBp < -10_000) {
    throw new RangeError(`markup must be whole basis points of at least -10000, got ${markupBp}`);
  }
  return markupBp;
}

/** A job's own markup wins over its customer's, which wins over the shop default. */
export function effectiveMarkupBp(markups: { job?: number | null; customer?: number | null; fallback: number }): number {
  return assertMarkupBp(markups.job ?? markups.customer ?? markups.fallback);
}

/**
 * The job's cost lines in a fixed order: materials, energy, machine, labour, markup.
 * The markup is a percentage of the other lines as rounded (what the customer sees),
 * so "15 % of 12.34 €" on an invoice checks out.
 */
export function computeJobCostLines(input: JobCostInput): CostLine[] {
  const lines: CostLine[] = input.materials.map((material) =>
    line(
      "material",
      "g",
      nonNegative(material.grams, "grams"),
      divide(nonNegative(material.pricePerKgCents, "material price"), 1000n),
      material.label,
    ),
  );
  if (input.energy) {
    lines.push(line("energy", "kWh", energyKwh(input.energy.use), nonNegative(input.energy.centsPerKwh, "energy price")));
  }
  if (input.machine) {
    const hours = divide(nonNegative(input.machine.printSeconds, "print time"), SECONDS_PER_HOUR);
    lines.push(line("machine", "h", hours, nonNegative(input.machine.centsPerHour, "machine rate")));
  }
  if (input.labour) {
    const hours = divide(nonNegative(input.labour.minutes, "labour time"), 60n);
    lines.push(line("labour", "h", hours, nonNegative(input.labour.centsPerHour, "labour rate")));
  }
  const markupBp = assertMarkupBp(input.markupBp ?? 0);
  if (markupBp !== 0) {
    const baseCents = sumCents(
      lines.map((costLine) => roundLineCents(costLine)),
      "markup base",
    );
    lines.push(line("markup", "%", ratio(markupBp, 100n), ratio(baseCents, 100n)));
  }
  return lines;
}

/** Cost lines and VAT of a job in one step. */
export function priceJob(input: JobCostInput, options: VatOptions): JobTotals {
  return computeJobTotals(computeJobCostLines(input), options);
}

export interface DatedRate {
  /**
   * The Berlin calendar day from which the rate applies, as any instant on that day
   * (Berlin midnight, or UTC midnight of a date-only column, which is 01:00/02:00 in
   * Berlin on the same date).
   */
  validFrom: Date;
}

/** 00:00 Berlin time of the day `validFrom` falls on: the instant a rate takes effect. */
export function rateEffectiveFrom(rate: DatedRate): Date {
  return berlinDayStart(berlinDateOf(rate.validFrom));
}

/**
 * The rate in force at `at` (use the job's end, so old jobs keep the prices of their
 * day): the entry with the latest effective start (see `rateEffectiveFrom`) at or
 * before `at`. A job ending exactly at 00:00 Berlin on the change day already uses the
 * new rate. Two entries on the same Berlin day: the later one in the array wins.
 * undefined when no rate was in force yet.
 */
export function pickRateAt<T extends DatedRate>(rates: readonly T[], at: Date): T | undefined {
  const atMs = at.getTime();
  if (Number.isNaN(atMs)) throw new RangeError("invalid Date");
  let picked: T | undefined;
  let pickedFrom = -Infinity;
  for (const rate of rates) {
    const from = rateEffectiveFrom(rate).getTime();
    if (from <= atMs && from >= pickedFrom) {
      picked = rate;
      pickedFrom = from;
    }
  }
  return picked;
}
