import { z } from "zod";
import type { CostLine } from "./cost-line";
import { assertCents, type Cents, roundHalfAwayFromZero, roundToCents, sumCents, toCents } from "./money";

/**
 * The only module that computes VAT (Umsatzsteuer). Its rounding rule:
 *
 * 1. Every cost line is rounded to whole cents, half away from zero, from its exact
 *    value (12.34 g × 24.99 €/kg = 30.83766 ct → 31 ct).
 * 2. VAT is computed once per job, on the sum of that job's rounded net lines:
 *    VAT = round(net × rate), half away from zero. Never per line.
 * 3. gross = net + VAT.
 * 4. Reports add up the per-job net, VAT and gross as stored; VAT is never recomputed
 *    from a summed net.
 *
 * Rates are basis points (1900 = 19 %, 700 = 7 %, 0 = 0 %), so no float is involved.
 * A small business under § 19 UStG (Kleinunternehmer) charges and shows no VAT, and a
 * private job carries its cost but no VAT: in both, VAT = 0 and gross = net.
 *
 * A price agreed gross (the reverse direction) keeps its gross exactly:
 * VAT = round(gross × rate / (1 + rate)), half away from zero, and net = gross − VAT.
 * When some net n gives this gross under rules 2-3, this finds exactly that n, so the
 * forward rule reproduces the VAT. About 16 % of gross amounts at 19 % (6.5 % at 7 %)
 * cannot come out of the forward rule at all (0.09 € at 19 %: no n has
 * n + round(0.19 n) = 9); for those, round(net × rate) is 1 ct away from the VAT
 * shown, which is the price of keeping the agreed gross. At 19 % and 7 % the
 * extracted VAT is never exactly half a cent (119 and 107 are odd).
 */

export const VAT_RATES_BP = { standard: 1900, reduced: 700, zero: 0 } as const;
export type VatRateBp = (typeof VAT_RATES_BP)[keyof typeof VAT_RATES_BP];
export const vatRateBpSchema = z.union([z.literal(1900), z.literal(700), z.literal(0)]);

export const vatModes = ["standard", "kleinunternehmer"] as const;
export type VatMode = (typeof vatModes)[number];

/** Why a job has the VAT it has: charged at a rate, § 19 UStG, or a private (non-business) job. */
export type VatTreatment = "vat" | "kleinunternehmer" | "private";

export interface VatOptions {
  vatRate: VatRateBp;
  mode: VatMode;
  /** false for the owner's private jobs: cost is tracked, no VAT. */
  businessUse: boolean;
}

export interface RoundedLine extends CostLine {
  netCents: Cents;
}

export interface JobTotals {
  lines: RoundedLine[];
  netCents: Cents;
  vatCents: Cents;
  grossCents: Cents;
  /** The rate applied: the requested one when VAT is charged, else 0. */
  vatRateBp: VatRateBp;
  treatment: VatTreatment;
  /** next-intl key of the sentence the invoice must carry, or null. */
  invoiceNoteKey: string | null;
}

const BASIS_POINTS = 10_000n;

const KLEINUNTERNEHMER_NOTE_KEY = "vat.kleinunternehmerNote";

function assertRate(rate: number): VatRateBp {
  const parsed = vatRateBpSchema.safeParse(rate);
  if (!parsed.success) throw new RangeError(`unsupported VAT rate ${rate} bp`);
  return parsed.data;
}

/** Rule 1: a line's exact amount rounded to whole cents. */
export function roundLineCents(line: Pick<CostLine, "exactCents">): Cents {
  return roundToCents(line.exactCents);
}

/** Rule 2: the VAT on a job's net sum. */
export function vatOf(netCents: Cents, rateBp: VatRateBp): Cents {
  assertCents(netCents, "net");
  return toCents(roundHalfAwayFromZero(BigInt(netCents) * BigInt(assertRate(rateBp)), BASIS_POINTS), "VAT");
}

export function treatmentOf(options: Pick<VatOptions, "mode" | "businessUse">): VatTreatment {
  if (!options.businessUse) return "private";
  return options.mode === "kleinunternehmer" ? "kleinunternehmer" : "vat";
}

function totalsOf(netCents: Cents, vatCents: Cents, options: VatOptions, lines: RoundedLine[]): JobTotals {
  const treatment = treatmentOf(options);
  return {
    lines,
    netCents,
    vatCents,
    grossCents: sumCents([netCents, vatCents], "gross"),
    vatRateBp: treatment === "vat" ? options.vatRate : 0,
    treatment,
    invoiceNoteKey: treatment === "kleinunternehmer" ? KLEINUNTERNEHMER_NOTE_KEY : null,
  };
}

/** A job priced from its net cost lines (rules 1-3). */
export function computeJobTotals(lines: readonly CostLine[], options: VatOptions): JobTotals {
  const rate = assertRate(options.vatRate);
  const rounded = lines.map((line): RoundedLine => ({ ...line, netCents: roundLineCents(line) }));
  const netCents = sumCents(
    rounded.map((line) => line.netCents),
    "net",
  );
  const vatCents = treatmentOf(options) === "vat" ? vatOf(netCents, rate) : 0;
  return totalsOf(netCents, vatCents, options, rounded);
}

export interface GrossSplit {
  netCents: Cents;
  vatCents: Cents;
  grossCents: Cents;
}

/** The reverse rule: VAT extracted from a gross price, net is the rest. */
export function splitGross(grossCents: Cents, rateBp: VatRateBp): GrossSplit {
  assertCents(grossCents, "gross");
  const rate = BigInt(assertRate(rateBp));
  const vatCents = toCents(roundHalfAwayFromZero(BigInt(grossCents) * rate, BASIS_POINTS + rate), "VAT");
  return { netCents: grossCents - vatCents, vatCents, grossCents };
}

/**
 * A job priced by an agreed gross amount (no cost lines). Without VAT (§ 19 UStG or
 * private) the whole amount is net.
 */
export function computeJobTotalsFromGross(grossCents: Cents, options: VatOptions): JobTotals {
  const rate = assertRate(options.vatRate);
  assertCents(grossCents, "gross");
  const split = treatmentOf(options) === "vat" ? splitGross(grossCents, rate) : { netCents: grossCents, vatCents: 0 };
  return totalsOf(split.netCents, split.vatCents, options, []);
}

/** What a report needs of a job; JobTotals has it, and so should a stored job row. */
export type SummableTotals = Pick<JobTotals, "netCents" | "vatCents" | "grossCents" | "vatRateBp" | "treatment">;

export interface TotalsGroup {
  treatment: VatTreatment;
  vatRateBp: VatRateBp;
  jobCount: number;
  netCents: Cents;
  vatCents: Cents;
  grossCents: Cents;
}

export interface ReportTotals {
  jobCount: number;
  netCents: Cents;
  vatCents: Cents;
  grossCents: Cents;
  /**
   * Per treatment and rate, as the advance VAT return (UStVA) asks for them: the
   * 19 % and 7 % groups are separate lines, and private jobs are cost, not revenue.
   */
  groups: TotalsGroup[];
}

const treatmentOrder: readonly VatTreatment[] = ["vat", "kleinunternehmer", "private"];

/** Rule 4: sums stored per-job values; refuses inconsistent ones (gross ≠ net + VAT, VAT without a VAT treatment). */
export function sumTotals(jobs: readonly SummableTotals[]): ReportTotals {
  const groups = new Map<string, { treatment: VatTreatment; vatRateBp: VatRateBp; jobs: SummableTotals[] }>();
  for (const job of jobs) {
    assertRate(job.vatRateBp);
    assertCents(job.netCents, "net");
    assertCents(job.vatCents, "VAT");
    assertCents(job.grossCents, "gross");
    if (BigInt(job.netCents) + BigInt(job.vatCents) !== BigInt(job.grossCents)) {
      throw new RangeError(`job totals are inconsistent: ${job.netCents} + ${job.vatCents} ≠ ${job.grossCents}`);
    }
    if (job.treatment !== "vat" && (job.vatCents !== 0 || job.vatRateBp !== 0)) {
      throw new RangeError(`a ${job.treatment} job cannot carry VAT`);
    }
    const key = `${job.treatment}:${job.vatRateBp}`;
    const group = groups.get(key) ?? { treatment: job.treatment, vatRateBp: job.vatRateBp, jobs: [] };
    group.jobs.push(job);
    groups.set(key, group);
  }
  const sum = (list: readonly SummableTotals[], field: "netCents" | "vatCents" | "grossCents") =>
    sumCents(
      list.map((job) => job[field]),
      field,
    );
  return {
    jobCount: jobs.length,
    netCents: sum(jobs, "netCents"),
    vatCents: sum(jobs, "vatCents"),
    grossCents: sum(jobs, "grossCents"),
    groups: [...groups.values()]
      .sort(
        (a, b) => treatmentOrder.indexOf(a.treatment) - treatmentOrder.indexOf(b.treatment) || b.vatRateBp - a.vatRateBp,
      )
      .map((group) => ({
        treatment: group.treatment,
        vatRateBp: group.vatRateBp,
        jobCount: group.jobs.length,
        netCents: sum(group.jobs, "netCents"),
        vatCents: sum(group.jobs, "vatCents"),
        grossCents: sum(group.jobs, "grossCents"),
      })),
  };
}
