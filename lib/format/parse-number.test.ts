import { describe, expect, it } from "vitest";
import { formatCents } from "@/lib/business/money/money";
import { formatMoneyInput, formatPercentInput, parseDecimalInput, parseMoneyInput, parsePercentInput, shiftDecimal } from "./parse-number";

const decimalCases: [locale: string, input: string, expected: string | null][] = [
  ["de", "1,75", "1.75"],
  ["de", "1.234,5", "1234.5"],
  ["de", "1.234", "1234"],
  ["de", "1234,5", "1234.5"],
  ["de", "0,5", "0.5"],
  ["de", ",5", "0.5"],
  ["de", " 12 ", "12"],
  ["de", "1 234,5", "1234.5"],
  ["de", "-2,5", "-2.5"],
  ["de", "-0", "0"],
  ["de", "007", "7"],
  ["de", "1.75", null],
  ["de", "1.23", null],
  ["de", "1,2,3", null],
  ["de", "-", null],
  ["de", "", null],
  ["de", "   ", null],
  ["de", "٣", null],
  ["de", "1e3", null],
  ["de", "abc", null],
  ["de", "1,", null],
  ["en", "1.75", "1.75"],
  ["en", "1,234.5", "1234.5"],
  ["en", "1,234", "1234"],
  ["en", "0.5", "0.5"],
  ["en", "1,75", null],
  ["en", "1.234,5", null],
  ["en", "1,2,3", null],
  ["en", "-", null],
  ["en", "", null],
  ["en", "٣", null],
];

describe("parseDecimalInput", () => {
  it.each(decimalCases)("%s %j → %j", (locale, input, expected) => {
    const result = parseDecimalInput(input, locale);
    expect(result.ok ? result.value : null).toBe(expected);
  });

  it("says why a value is refused", () => {
    expect(parseDecimalInput("", "de")).toEqual({ ok: false, reason: "empty" });
    expect(parseDecimalInput("1,2,3", "de")).toEqual({ ok: false, reason: "invalid" });
    expect(parseDecimalInput("1,234", "de", { maxDecimals: 2 })).toEqual({ ok: false, reason: "tooManyDecimals" });
    expect(parseDecimalInput("-1", "de", { nonNegative: true })).toEqual({ ok: false, reason: "negative" });
  });
});

const moneyCases: [locale: string, input: string, cents: number | null][] = [
  ["de", "24,99", 2499],
  ["de", "24,99 €", 2499],
  ["de", "24,99€", 2499],
  ["de", "1.234,56 €", 123_456],
  ["de", "24", 2400],
  ["de", "24,9", 2490],
  ["de", "0,01", 1],
  ["de", "24,999", null],
  ["de", "-1", null],
  ["de", "24.99", null],
  ["de", "€", null],
  ["en", "24.99", 2499],
  ["en", "1,234.56", 123_456],
  ["en", "24,99", null],
];

describe("parseMoneyInput", () => {
  it.each(moneyCases)("%s %j → %j cents", (locale, input, expected) => {
    const result = parseMoneyInput(input, locale);
    expect(result.ok ? result.value : null).toBe(expected);
  });

  it("round-trips every cent amount through the field and the display", () => {
    for (const cents of [0, 1, 9, 10, 99, 100, 2499, 123_456, 99_999_999, 1_000_000]) {
      for (const locale of ["de", "en"]) {
        expect(parseMoneyInput(formatMoneyInput(cents, locale), locale)).toEqual({ ok: true, value: cents });
        const shown = formatCents(cents, locale === "de" ? "de-DE" : "en");
        expect(parseMoneyInput(shown.replace(/^€/, ""), locale)).toEqual({ ok: true, value: cents });
      }
    }
  });
});

const percentCases: [locale: string, input: string, bp: number | null][] = [
  ["de", "42,5", 4250],
  ["de", "42,5 %", 4250],
  ["de", "19", 1900],
  ["de", "0,01", 1],
  ["de", "-10", -1000],
  ["de", "12,345", null],
  ["de", "42.5", null],
  ["en", "42.5", 4250],
  ["en", "42.5%", 4250],
  ["en", "42,5", null],
];

describe("parsePercentInput", () => {
  it.each(percentCases)("%s %j → %j bp", (locale, input, expected) => {
    const result = parsePercentInput(input, locale);
    expect(result.ok ? result.value : null).toBe(expected);
  });

  it("round-trips basis points exactly", () => {
    for (const bp of [0, 1, 50, 1900, 4250, 4200, -1000, 100_000]) {
      for (const locale of ["de", "en"]) expect(parsePercentInput(formatPercentInput(bp, locale), locale)).toEqual({ ok: true, value: bp });
    }
    expect(formatPercentInput(4250, "de")).toBe("42,5");
    expect(formatPercentInput(4200, "en")).toBe("42");
  });
});

describe("shiftDecimal", () => {
  it.each([
    ["0.505", 2, "50.5"],
    ["50.5", -2, "0.505"],
    ["50", -2, "0.5"],
    ["35", -2, "0.35"],
    ["0.35", 2, "35"],
    ["1234.5", 2, "123450"],
    ["0.000001", 2, "0.0001"],
    ["0", 2, "0"],
    ["-1.5", 2, "-150"],
    ["7", -3, "0.007"],
  ] as const)("%s shifted by %i is %s", (input, places, expected) => {
    expect(shiftDecimal(input, places)).toBe(expected);
    expect(shiftDecimal(shiftDecimal(input, places), -places)).toBe(shiftDecimal(input, 0));
  });
});
