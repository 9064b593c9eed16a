import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { CostLine } from "./cost-line";
import { ratio } from "./money";
import { computeJobTotals, computeJobTotalsFromGross, vatModes, vatRateBpSchema } from "./vat";
import table from "./vat-cases.json";

/**
 * The VAT module against a table written by hand from UStG § 12 (19 % and 7 %), § 19
 * (Kleinunternehmer) and § 1 (private use), each case with where it comes from
 * (vat-cases.json). The expected figures were worked out on paper, not by this code.
 */

const expectedSchema = z.object({ netCents: z.number().int(), vatCents: z.number().int(), grossCents: z.number().int(), vatRateBp: vatRateBpSchema });
const common = { rateBp: vatRateBpSchema, mode: z.enum(vatModes), businessUse: z.boolean(), expected: expectedSchema, source: z.string().min(10), note: z.string() };
const caseSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("net"), netCents: z.number().int(), ...common }),
  z.object({ kind: z.literal("lines"), lines: z.array(z.object({ num: z.number().int(), den: z.number().int().positive() })).min(1), ...common }),
  z.object({ kind: z.literal("gross"), grossCents: z.number().int(), ...common }),
]);
const cases = z.object({ cases: z.array(caseSchema).min(30) }).parse(table).cases;

function line(exact: { num: number; den: number }): CostLine {
  const exactCents = ratio(exact.num, exact.den);
  return { kind: "material", quantity: ratio(1), unit: "g", unitPriceCents: exactCents, exactCents };
}

describe("VAT and rounding per UStG (independent table)", () => {
  it("covers 19 %, 7 %, § 19 and private jobs", () => {
    expect(new Set(cases.map((c) => `${c.mode}:${c.businessUse}:${c.rateBp}`))).toEqual(
      new Set(["standard:true:1900", "standard:true:700", "kleinunternehmer:true:1900", "kleinunternehmer:true:700", "standard:false:1900"]),
    );
  });

  it.each(cases.map((c, index) => [index + 1, c.note || c.source, c] as const))("case %i: %s", (_index, _label, c) => {
    const options = { vatRate: c.rateBp, mode: c.mode, businessUse: c.businessUse };
    const totals =
      c.kind === "gross"
        ? computeJobTotalsFromGross(c.grossCents, options)
        : computeJobTotals(c.kind === "net" ? [line({ num: c.netCents, den: 1 })] : c.lines.map(line), options);
    expect({ netCents: totals.netCents, vatCents: totals.vatCents, grossCents: totals.grossCents, vatRateBp: totals.vatRateBp }).toEqual(c.expected);
    expect(totals.invoiceNoteKey !== null).toBe(c.mode === "kleinunternehmer" && c.businessUse);
  });
});
