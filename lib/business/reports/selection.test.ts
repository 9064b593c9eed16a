import { describe, expect, it } from "vitest";
import { parseSelection, selectionOf } from "./selection";

describe("report selection", () => {
  it("covers whole Berlin months, quarters and years", () => {
    expect(selectionOf("month", 2028, 2)).toMatchObject({ from: "2028-02-01", to: "2028-02-29" });
    expect(selectionOf("quarter", 2026, 4)).toMatchObject({ from: "2026-10-01", to: "2026-12-31" });
    expect(selectionOf("year", 2026, 0)).toMatchObject({ from: "2026-01-01", to: "2026-12-31" });
  });

  it("defaults to the current Berlin month and ignores nonsense", () => {
    const newYearsEveUtc = new Date("2026-12-31T23:30:00Z");
    expect(parseSelection({}, newYearsEveUtc)).toMatchObject({ kind: "month", year: 2027, part: 1 });
    expect(parseSelection({ period: "quarter", year: "2026", part: "9" }, newYearsEveUtc)).toMatchObject({ kind: "quarter", year: 2026, part: 1 });
    expect(parseSelection({ period: "drop table", year: "x" }, newYearsEveUtc)).toMatchObject({ kind: "month", year: 2027 });
  });
});
