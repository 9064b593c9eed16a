import { describe, expect, it } from "vitest";
import type { CostLine } from "./cost-line";
import { type Exact, ratio, toRational } from "./money";
import {
  computeJobTotals,
  computeJobTotalsFromGross,
  splitGross,
  sumTotals,
  type SummableTotals,
  VAT_RATES_BP,
  type VatOptions,
  type VatRateBp,
  vatOf,
  vatRateBpSchema,
} from "./vat";

function exactLine(exactCents: Exact, kind: CostLine["kind"] = "machine"): CostLine {
  const amount = toRational(exactCents);
  return { kind, quantity: ratio(1), unit: "h", unitPriceCents: amount, exactCents: amount };
}

const standard19: VatOptions = { vatRate: VAT_RATES_BP.standard, mode: "standard", businessUse: true };
const reduced7: VatOptions = { vatRate: VAT_RATES_BP.reduced, mode: "standard", businessUse: true };
const zero: VatOptions = { vatRate: VAT_RATES_BP.zero, mode: "standard", businessUse: true };
const kleinunternehmer: VatOptions = { vatRate: VAT_RATES_BP.standard, mode: "kleinunternehmer", businessUse: true };
const privateJob: VatOptions = { vatRate: VAT_RATES_BP.standard, mode: "standard", businessUse: false };

describe("vatOf (rule 2)", () => {
  it.each([
    [5, 1900, 1], // 19 % of 0.05 € = 0.0095 € → 0.01 €
    [50, 1900, 10], // 9.5 ct
    [-50, 1900, -10],
    [250, 700, 18], // 17.5 ct
    [-250, 700, -18],
    [2, 1900, 0], // 0.38 ct
    [3, 1900, 1], // 0.57 ct
    [1000, 0, 0],
    [3702, 1900, 703], // 703.38 ct
    [194, 700, 14], // 13.58 ct
    [1_000_000_000, 1900, 190_000_000],
    [999_999_999, 1900, 190_000_000], // 189 999 999.81 ct
    [1_000_000_000, 700, 70_000_000],
  ] as const)("%i ct at %i bp → %i ct", (net, rate, vat) => {
    expect(vatOf(net, rate)).toBe(vat);
  });

  it("refuses rates that are not 19, 7 or 0 %", () => {
    const sixteen: number = 1600;
    expect(vatRateBpSchema.safeParse(sixteen).success).toBe(false);
    expect(vatRateBpSchema.safeParse(19).success).toBe(false);
    expect(() => vatOf(100, sixteen as VatRateBp)).toThrow(RangeError);
    expect(() => vatOf(1.5, 1900)).toThrow(RangeError);
  });
});

describe("computeJobTotals", () => {
  it("rounds each line, then takes VAT once on the net sum", () => {
    const totals = computeJobTotals(
      [exactLine("30.83766", "material"), exactLine("12.795", "energy"), exactLine(150, "machine")],
      standard19,
    );
    expect(totals.lines.map((line) => line.netCents)).toEqual([31, 13, 150]);
    expect(totals).toMatchObject({
      netCents: 194,
      vatCents: 37, // 36.86 ct
      grossCents: 231,
      vatRateBp: 1900,
      treatment: "vat",
      invoiceNoteKey: null,
    });
  });

  it("VAT per job differs from VAT per line, and the job rule is the one used", () => {
    const lines = [exactLine(1234), exactLine(1234), exactLine(1234)];
    const perLine = lines.reduce((sum) => sum + vatOf(1234, 1900), 0);
    expect(perLine).toBe(702); // 3 × round(234.46)
    const totals = computeJobTotals(lines, standard19);
    expect(totals.netCents).toBe(3702);
    expect(totals.vatCents).toBe(703); // round(703.38)
    expect(totals.grossCents).toBe(4405);
  });

  it("five 2-cent lines: no VAT per line, 2 ct on the job", () => {
    const lines = Array.from({ length: 5 }, () => exactLine(2));
    expect(lines.reduce((sum) => sum + vatOf(2, 1900), 0)).toBe(0);
    expect(computeJobTotals(lines, standard19)).toMatchObject({ netCents: 10, vatCents: 2, grossCents: 12 });
  });

  it("never rounds the net sum instead of the lines", () => {
    // Exact sum 0.5 + 0.5 = 1 ct, but each line is rounded first: 1 + 1 = 2 ct.
    expect(computeJobTotals([exactLine("0.5"), exactLine("0.5")], standard19).netCents).toBe(2);
    expect(computeJobTotals([exactLine("0.4"), exactLine("0.4")], standard19).netCents).toBe(0);
  });

  it("7 %", () => {
    expect(computeJobTotals([exactLine("30.83766"), exactLine("12.795"), exactLine(150)], reduced7)).toMatchObject({
      netCents: 194,
      vatCents: 14,
      grossCents: 208,
      vatRateBp: 700,
      treatment: "vat",
    });
  });

  it("0 %", () => {
    expect(computeJobTotals([exactLine(194)], zero)).toMatchObject({
      netCents: 194,
      vatCents: 0,
      grossCents: 194,
      vatRateBp: 0,
      treatment: "vat",
      invoiceNoteKey: null,
    });
  });

  it("Kleinunternehmer (§ 19 UStG): no VAT charged or shown, with the invoice note", () => {
    expect(computeJobTotals([exactLine(3702)], kleinunternehmer)).toMatchObject({
      netCents: 3702,
      vatCents: 0,
      grossCents: 3702,
      vatRateBp: 0,
      treatment: "kleinunternehmer",
      invoiceNoteKey: "vat.kleinunternehmerNote",
    });
  });

  it("private job carries its cost but no VAT", () => {
    expect(computeJobTotals([exactLine("30.83766"), exactLine(150)], privateJob)).toMatchObject({
      netCents: 181,
      vatCents: 0,
      grossCents: 181,
      vatRateBp: 0,
      treatment: "private",
      invoiceNoteKey: null,
    });
    expect(computeJobTotals([exactLine(100)], { ...kleinunternehmer, businessUse: false }).treatment).toBe("private");
  });

  it("credit lines round half away from zero too", () => {
    const totals = computeJobTotals([exactLine(1000), exactLine("-250.5")], standard19);
    expect(totals.lines.map((line) => line.netCents)).toEqual([1000, -251]);
    expect(totals).toMatchObject({ netCents: 749, vatCents: 142, grossCents: 891 }); // 142.31 ct
    expect(computeJobTotals([exactLine(-50)], standard19)).toMatchObject({ netCents: -50, vatCents: -10, grossCents: -60 });
  });

  it("an empty job is zero", () => {
    expect(computeJobTotals([], standard19)).toMatchObject({ netCents: 0, vatCents: 0, grossCents: 0, lines: [] });
  });

  it("large values stay exact", () => {
    const totals = computeJobTotals([exactLine(1_000_000_000), exactLine("0.5")], standard19);
    expect(totals).toMatchObject({ netCents: 1_000_000_001, vatCents: 190_000_000, grossCents: 1_190_000_001 });
    // 1 000 000 001 × 0.19 = 190 000 000.19
  });

  it("refuses to lose a cent near 2^53 instead of rounding silently", () => {
    expect(vatOf(Number.MAX_SAFE_INTEGER, 1900)).toBe(1_711_367_858_400_788); // …788.29
    expect(() => computeJobTotals([exactLine(Number.MAX_SAFE_INTEGER)], standard19)).toThrow(RangeError);
  });
});

describe("splitGross (price agreed gross)", () => {
  it.each([
    [1000, 1900, 840, 160], // 159.66 ct
    [119, 1900, 100, 19],
    [1, 1900, 1, 0], // 0.16 ct
    [9, 1900, 8, 1], // 1.437 ct: no net gives 9 forward
    [-1190, 1900, -1000, -190],
    [107, 700, 100, 7],
    [1000, 700, 935, 65], // 65.42 ct
    [1000, 0, 1000, 0],
    [1_190_000_000, 1900, 1_000_000_000, 190_000_000],
  ] as const)("%i ct gross at %i bp → net %i + VAT %i", (gross, rate, net, vat) => {
    expect(splitGross(gross, rate)).toEqual({ netCents: net, vatCents: vat, grossCents: gross });
  });

  it("finds the forward net whenever one exists", () => {
    for (const rate of [1900, 700] as const) {
      for (let net = -2000; net <= 20_000; net++) {
        const gross = net + vatOf(net, rate);
        const split = splitGross(gross, rate);
        if (split.netCents !== net || split.vatCents !== vatOf(net, rate)) {
          throw new Error(`rate ${rate}: net ${net} → gross ${gross} → ${JSON.stringify(split)}`);
        }
      }
    }
  });

  it("for unreachable gross amounts the VAT is 1 ct from round(net × rate), as documented", () => {
    // f(n) = n + round(0.19 n) rises by 2 exactly round(0.19 × 10000) = 1900 times for n in 0..10000,
    // so 1900 of the gross amounts 1..11900 ct have no forward net (1900 / 11900 ≈ 16 %).
    let unreachable = 0;
    for (let gross = 1; gross <= 11_900; gross++) {
      const split = splitGross(gross, 1900);
      const forward = vatOf(split.netCents, 1900);
      if (forward !== split.vatCents) {
        unreachable++;
        expect(Math.abs(forward - split.vatCents)).toBe(1);
      }
    }
    expect(unreachable).toBe(1900);
    expect(vatOf(8, 1900)).toBe(2);
  });

  it("computeJobTotalsFromGross keeps the agreed gross", () => {
    expect(computeJobTotalsFromGross(1000, standard19)).toMatchObject({
      netCents: 840,
      vatCents: 160,
      grossCents: 1000,
      vatRateBp: 1900,
      treatment: "vat",
      lines: [],
    });
    expect(computeJobTotalsFromGross(1000, kleinunternehmer)).toMatchObject({
      netCents: 1000,
      vatCents: 0,
      grossCents: 1000,
      vatRateBp: 0,
      invoiceNoteKey: "vat.kleinunternehmerNote",
    });
    expect(computeJobTotalsFromGross(1000, privateJob)).toMatchObject({ netCents: 1000, vatCents: 0, treatment: "private" });
    expect(() => computeJobTotalsFromGross(10.5, standard19)).toThrow(RangeError);
  });
});

describe("sumTotals (rule 4)", () => {
  const jobA = computeJobTotals([exactLine(1234)], standard19);
  const jobB = computeJobTotals([exactLine(1234)], standard19);
  const jobC = computeJobTotals([exactLine(1000)], reduced7);
  const jobD = computeJobTotals([exactLine(500)], privateJob);

  it("adds the per-job values and groups them per treatment and rate", () => {
    expect(jobA).toMatchObject({ netCents: 1234, vatCents: 234, grossCents: 1468 }); // 234.46 ct
    const report = sumTotals([jobD, jobA, jobC, jobB]);
    expect(report).toEqual({
      jobCount: 4,
      netCents: 3968,
      vatCents: 538,
      grossCents: 4506,
      groups: [
        { treatment: "vat", vatRateBp: 1900, jobCount: 2, netCents: 2468, vatCents: 468, grossCents: 2936 },
        { treatment: "vat", vatRateBp: 700, jobCount: 1, netCents: 1000, vatCents: 70, grossCents: 1070 },
        { treatment: "private", vatRateBp: 0, jobCount: 1, netCents: 500, vatCents: 0, grossCents: 500 },
      ],
    });
    // Recomputing VAT on the summed 19 % net would give 469 ct (468.92); the report keeps 468.
    expect(vatOf(2468, 1900)).toBe(469);
  });

  it("equals the sum of per-job values over many jobs", () => {
    const jobs = Array.from({ length: 200 }, (_, i) =>
      computeJobTotals([exactLine(ratio(1000 + 7 * i, 3))], i % 3 === 0 ? reduced7 : standard19),
    );
    const report = sumTotals(jobs);
    expect(report.netCents).toBe(jobs.reduce((sum, job) => sum + job.netCents, 0));
    expect(report.vatCents).toBe(jobs.reduce((sum, job) => sum + job.vatCents, 0));
    expect(report.grossCents).toBe(report.netCents + report.vatCents);
    expect(report.groups.reduce((sum, group) => sum + group.vatCents, 0)).toBe(report.vatCents);
  });

  it("sums stored rows and large values exactly", () => {
    const row: SummableTotals = {
      netCents: 1_000_000_000,
      vatCents: 190_000_000,
      grossCents: 1_190_000_000,
      vatRateBp: 1900,
      treatment: "vat",
    };
    const report = sumTotals(Array.from({ length: 1000 }, () => row));
    expect(report).toMatchObject({ netCents: 1_000_000_000_000, vatCents: 190_000_000_000, grossCents: 1_190_000_000_000 });
    expect(sumTotals([])).toEqual({ jobCount: 0, netCents: 0, vatCents: 0, grossCents: 0, groups: [] });
  });

  it("refuses inconsistent rows", () => {
    expect(() => sumTotals([{ ...jobA, grossCents: 1469 }])).toThrow(RangeError);
    expect(() => sumTotals([{ ...jobD, vatCents: 95, grossCents: 595 }])).toThrow(RangeError);
    expect(() => sumTotals([{ ...jobA, netCents: 1234.5, grossCents: 1468.5 }])).toThrow(RangeError);
  });
});
