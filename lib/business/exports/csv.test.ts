import { describe, expect, it } from "vitest";
import { centsCell, csvDocument, csvFormat, csvLine, dateCell, parseCsv, textCell } from "./csv";
import { encodeWindows1252 } from "./datev";

const de = csvFormat("de");
const en = csvFormat("en");

describe("csv cells", () => {
  it("guards formula starts and quotes separators, quotes and line breaks", () => {
    for (const start of ["=1+1", "+49 711", "-5", "@SUM(A1)", "\tx"]) expect(textCell(start, de).replace(/^"|"$/g, "")).toBe(`'${start}`);
    expect(textCell("a;b", de)).toBe('"a;b"');
    expect(textCell("a;b", en)).toBe("a;b");
    expect(textCell("a,b", en)).toBe('"a,b"');
    expect(textCell('say "hi"', en)).toBe('"say ""hi"""');
    expect(textCell("two\nlines", de)).toBe('"two\nlines"');
    expect(textCell(null, de)).toBe("");
  });

  it("writes amounts with the locale's decimal mark and negative numbers unguarded", () => {
    expect(centsCell(123456, de)).toBe("1234,56");
    expect(centsCell(-150, de)).toBe("-1,50");
    expect(centsCell(-150, en)).toBe("-1.50");
    expect(centsCell(-150, { ...en, separator: "," })).toBe("-1.50");
  });

  it("writes the Berlin day of an instant", () => {
    const lateMarch = new Date("2026-03-31T22:30:00Z");
    expect(dateCell(lateMarch, de)).toBe("01.04.2026");
    expect(dateCell(lateMarch, en)).toBe("2026-04-01");
  });

  it("round-trips through the parser, BOM only in German", () => {
    const cells = ["x;y", 'q"q', "multi\r\nline", "-3"];
    const text = csvDocument([csvLine(cells.map((cell) => textCell(cell, de)), de)], de);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(parseCsv(text, ";")).toEqual([["x;y", 'q"q', "multi\r\nline", "'-3"]]);
    expect(csvDocument(["a\r\n"], en).startsWith("\uFEFF")).toBe(false);
  });
});

describe("Windows-1252", () => {
  it("encodes umlauts, ß and € and replaces what it cannot hold", () => {
    expect([...encodeWindows1252("Äöüß€✓")]).toEqual([0xc4, 0xf6, 0xfc, 0xdf, 0x80, 0x3f]);
  });
});
