import { describe, expect, it } from "vitest";
import {
  add,
  assertCents,
  centsOf,
  divide,
  equals,
  eurosToCents,
  exactCentsOfEuros,
  formatCents,
  multiply,
  parseDecimal,
  ratio,
  roundHalfAwayFromZero,
  roundToCents,
  scaled,
  subtract,
  sumCents,
  toCents,
  toDecimalString,
  toRational,
} from "./money";

const NBSP = "\u00a0";

describe("roundHalfAwayFromZero", () => {
  it.each([
    [5n, 10n, 1n],
    [-5n, 10n, -1n],
    [15n, 10n, 2n],
    [-15n, 10n, -2n],
    [25n, 10n, 3n],
    [-25n, 10n, -3n],
    [4n, 10n, 0n],
    [-4n, 10n, 0n],
    [14_999n, 10_000n, 1n],
    [15_001n, 10_000n, 2n],
    [-6n, 4n, -2n],
    [7n, -2n, -4n],
    [-7n, -2n, 4n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
    [-2n, 3n, -1n],
    [0n, 5n, 0n],
    [12n, 4n, 3n],
  ])("%i / %i → %i", (numerator, denominator, expected) => {
    expect(roundHalfAwayFromZero(numerator, denominator)).toBe(expected);
  });

  it("is exact far beyond 2^53", () => {
    const x = 2n ** 80n;
    expect(roundHalfAwayFromZero(x * 10n + 5n, 10n)).toBe(1_208_925_819_614_629_174_706_177n);
    expect(roundHalfAwayFromZero(-(x * 10n + 4n), 10n)).toBe(-1_208_925_819_614_629_174_706_176n);
  });

  it("refuses division by zero", () => {
    expect(() => roundHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });
});

describe("float traps are exact here", () => {
  it("0.1 + 0.2 is 0.3", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(equals(add("0.1", "0.2"), "0.3")).toBe(true);
    expect(eurosToCents(add("0.1", "0.2"))).toBe(30);
  });

  it("1.005 € rounds up to 1.01 €", () => {
    expect(Math.round(1.005 * 100)).toBe(100);
    expect(eurosToCents("1.005")).toBe(101);
    expect(eurosToCents("-1.005")).toBe(-101);
  });

  it("2.675 € rounds up to 2.68 €", () => {
    expect((2.675).toFixed(2)).toBe("2.67");
    expect(eurosToCents("2.675")).toBe(268);
    expect(toDecimalString("2.675", 2)).toBe("2.68");
    expect(toDecimalString("-2.675", 2)).toBe("-2.68");
  });

  it("1.15 × 100 is 115", () => {
    expect(1.15 * 100).toBe(114.99999999999999);
    expect(eurosToCents("1.15")).toBe(115);
    expect(equals(multiply("1.15", 100), 115)).toBe(true);
  });

  it("half cents both signs", () => {
    expect(eurosToCents("0.005")).toBe(1);
    expect(eurosToCents("-0.005")).toBe(-1);
    expect(eurosToCents("0.0049999")).toBe(0);
    expect(eurosToCents("-0.0049999")).toBe(0);
    expect(roundToCents("0.5")).toBe(1);
    expect(roundToCents("-0.5")).toBe(-1);
    expect(roundToCents("-1.5")).toBe(-2);
    expect(roundToCents("2.5")).toBe(3);
  });

  it("a float is refused where a fraction is meant", () => {
    expect(() => toRational(1.15)).toThrow(RangeError);
    expect(() => toRational(2 ** 53)).toThrow(RangeError);
    expect(toRational(-7)).toEqual({ num: -7n, den: 1n });
  });
});

describe("exact arithmetic", () => {
  it("parses plain decimals into reduced fractions", () => {
    expect(parseDecimal("12.34")).toEqual({ num: 617n, den: 50n });
    expect(parseDecimal(".5")).toEqual({ num: 1n, den: 2n });
    expect(parseDecimal("-0.50")).toEqual({ num: -1n, den: 2n });
    expect(parseDecimal("+3.0")).toEqual({ num: 3n, den: 1n });
    expect(parseDecimal(" 7 ")).toEqual({ num: 7n, den: 1n });
    expect(parseDecimal("0.3412")).toEqual({ num: 853n, den: 2500n });
  });

  it.each(["1,5", "1e3", "", ".", "-", "abc", "1.2.3", "- 1", "0x10"])("refuses %j", (text) => {
    expect(() => parseDecimal(text)).toThrow(RangeError);
  });

  it("scales integers and builds ratios", () => {
    expect(scaled(12_340, 3)).toEqual({ num: 617n, den: 50n });
    expect(scaled(-5n, 0)).toEqual({ num: -5n, den: 1n });
    expect(ratio(6, -4)).toEqual({ num: -3n, den: 2n });
    expect(() => ratio(1, 0)).toThrow(RangeError);
    expect(() => scaled(1, -1)).toThrow(RangeError);
  });

  it("multiplies, divides, adds and subtracts exactly", () => {
    expect(multiply("12.34", 2499)).toEqual({ num: 1_541_883n, den: 50n });
    expect(divide(ratio(1, 3), "0.5")).toEqual({ num: 2n, den: 3n });
    expect(add(ratio(1, 3), ratio(1, 6), "0.5")).toEqual({ num: 1n, den: 1n });
    expect(subtract("0.3", "0.1")).toEqual({ num: 1n, den: 5n });
    expect(() => divide(1, "0.0")).toThrow(RangeError);
  });

  it("computes a cent line with one rounding: 12.34 g × 24.99 €/kg", () => {
    expect(centsOf(["12.34", 2499], 1000)).toBe(31);
    expect(centsOf([scaled(12_340, 3), 2499], 1000)).toBe(31);
    expect(equals(divide(multiply("12.34", 2499), 1000), "30.83766")).toBe(true);
  });

  it("keeps sub-cent prices exact: 0.3412 €/kWh is 34.12 ct", () => {
    expect(equals(exactCentsOfEuros("0.3412"), "34.12")).toBe(true);
    expect(centsOf([exactCentsOfEuros("0.3412"), "0.375"])).toBe(13);
  });

  it("prints decimals with fixed places", () => {
    expect(toDecimalString(ratio(1, 3), 4)).toBe("0.3333");
    expect(toDecimalString(ratio(2, 3), 4)).toBe("0.6667");
    expect(toDecimalString("-0.004", 2)).toBe("0.00");
    expect(toDecimalString("12.5", 0)).toBe("13");
    expect(toDecimalString(ratio(-1, 8), 2)).toBe("-0.13");
  });
});

describe("cents", () => {
  it("accepts safe integers only", () => {
    expect(() => assertCents(1.5)).toThrow(RangeError);
    expect(() => assertCents(Number.NaN)).toThrow(RangeError);
    expect(() => assertCents("100")).toThrow(RangeError);
    expect(() => toCents(2 ** 53)).toThrow(RangeError);
    expect(() => toCents(2n ** 53n)).toThrow(RangeError);
    expect(toCents(9_007_199_254_740_991n)).toBe(9_007_199_254_740_991);
    expect(Object.is(toCents(-0), 0)).toBe(true);
  });

  it("sums exactly and reports overflow", () => {
    expect(sumCents(Array.from({ length: 1000 }, () => 1_000_000_000))).toBe(1_000_000_000_000);
    expect(sumCents([])).toBe(0);
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });

  it("large values stay exact", () => {
    expect(roundToCents("1000000000.5")).toBe(1_000_000_001);
    expect(roundToCents("-1000000000.5")).toBe(-1_000_000_001);
    expect(eurosToCents("90071992547409.91")).toBe(9_007_199_254_740_991);
    expect(() => eurosToCents("90071992547409.92")).toThrow(RangeError);
  });
});

describe("formatCents", () => {
  it("formats German and English", () => {
    expect(formatCents(123_456, "de-DE")).toBe(`1.234,56${NBSP}€`);
    expect(formatCents(123_456, "en")).toBe("€1,234.56");
    expect(formatCents(-5, "de-DE")).toBe(`-0,05${NBSP}€`);
    expect(formatCents(-5, "en")).toBe("-€0.05");
    expect(formatCents(0, "en")).toBe("€0.00");
    expect(formatCents(100_000_000_000, "de-DE")).toBe(`1.000.000.000,00${NBSP}€`);
  });

  it("prints every digit where a float would not", () => {
    expect(new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR" }).format(90_071_992_547_409.91)).toBe(
      `90.071.992.547.409,90${NBSP}€`,
    );
    expect(formatCents(9_007_199_254_740_991, "de-DE")).toBe(`90.071.992.547.409,91${NBSP}€`);
  });

  it("refuses non-cents", () => {
    expect(() => formatCents(12.5, "de-DE")).toThrow(RangeError);
  });
});
