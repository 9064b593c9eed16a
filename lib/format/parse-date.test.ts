import { describe, expect, it } from "vitest";
import { formatDateInput, parseDateInput } from "./parse-date";
import { formatDate } from "./date";

describe("dates typed the locale's way", () => {
  it.each([
    ["de", "07.12.2026", "2026-12-07"],
    ["de", "7.12.2026", "2026-12-07"],
    ["de", " 29.02.2028 ", "2028-02-29"],
    ["de", "2026-12-07", "2026-12-07"],
    ["en", "07/12/2026", "2026-12-07"],
    ["en", "7/1/2027", "2027-01-07"],
    ["en", "2026-12-07", "2026-12-07"],
  ])("%s %s → %s", (locale, text, iso) => {
    expect(parseDateInput(text, locale)).toEqual({ ok: true, value: iso });
  });

  it.each([
    ["de", "", "empty"],
    ["de", "31.02.2026", "invalid"],
    ["de", "29.02.2027", "invalid"],
    ["de", "07/12/2026", "invalid"],
    ["en", "07.12.2026", "invalid"],
    ["de", "07.12.26", "invalid"],
    ["de", "13.13.2026", "invalid"],
    ["de", "2026-13-01", "invalid"],
    ["de", "gestern", "invalid"],
    ["de", "٠٧.١٢.٢٠٢٦", "invalid"],
  ])("%s %j is refused (%s)", (locale, text, reason) => {
    expect(parseDateInput(text, locale)).toEqual({ ok: false, reason });
  });

  it("writes a day into a field as the tables show it, and reads it back", () => {
    for (const locale of ["de", "en"]) {
      const shown = formatDateInput("2026-12-07", locale);
      expect(shown).toBe(formatDate(locale, new Date("2026-12-07T12:00:00Z")));
      expect(parseDateInput(shown, locale)).toEqual({ ok: true, value: "2026-12-07" });
    }
  });
});
