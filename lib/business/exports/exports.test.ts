import { describe, expect, it } from "vitest";
import type { ReportCorrectionRow } from "../reports/corrections";
import type { ReportJobRow } from "../reports/summary";
import { parseCsv } from "./csv";
import { datevBookings, datevSettingsSchema } from "./datev";
import { jobsCsv } from "./jobs-csv";

/** The exports in the reader's words: German labels, corrections as their own bookings, no formula survives. */

function job(overrides: Partial<ReportJobRow> = {}): ReportJobRow {
  return {
    jobId: "job-1",
    endedAt: new Date("2026-03-10T10:00:00Z"),
    name: "Halterung",
    printerId: "p1",
    printerName: "A1 links",
    customer: "Muster GmbH",
    orderReference: "A-100",
    businessUse: true,
    status: "finished",
    printSeconds: 3600,
    insideBusinessSeconds: 3600,
    outsideBusinessSeconds: 0,
    filamentGrams: 12.5,
    energyKwh: { num: 15n, den: 100n },
    labourMinutes: 0,
    labourCents: 0,
    cost: { netCents: 1000, vatCents: 190, grossCents: 1190, vatRateBp: 1900, treatment: "vat" },
    ...overrides,
  };
}

function correction(overrides: Partial<ReportCorrectionRow> = {}): ReportCorrectionRow {
  return {
    id: 7,
    jobId: "job-0",
    bookedAt: new Date("2026-03-20T09:00:00Z"),
    name: "Gehäuse",
    printerName: "A1 links",
    customer: null,
    orderReference: null,
    businessUse: true,
    reason: "job.business_changed",
    deltaNetCents: -500,
    deltaVatCents: -95,
    deltaGrossCents: -595,
    vatRateBp: 1900,
    treatment: "vat",
    ...overrides,
  };
}

const options = {
  settings: datevSettingsSchema.parse({}),
  from: { year: 2026, month: 3, day: 1 },
  to: { year: 2026, month: 3, day: 31 },
  createdAt: new Date("2026-04-01T08:00:00Z"),
  description: "Printernizer 2026-03",
};

function datevRows(text: string): string[][] {
  return parseCsv(text, ";").slice(2);
}

describe("DATEV Buchungsstapel", () => {
  it("guards every booking text and document number against formulas and control characters", () => {
    const names = ["=HYPERLINK(\"http://x\")", "+49 711", "-5", "@SUM(A1)", "\t=1+1"];
    const text = datevBookings(
      names.map((name, index) => job({ jobId: `job-${index}`, name, customer: null, orderReference: index === 2 ? "-123" : null })),
      options,
      [correction({ name: "=cmd|' /C calc'!A0" })],
    );
    const rows = datevRows(text);
    expect(rows).toHaveLength(names.length + 1);
    for (const row of rows) {
      expect(row[13]).toMatch(/^(?![=+\-@\t\r])/);
      expect(row[10]).toMatch(/^[A-Za-z0-9$&%*/]/);
      expect(row.join("")).not.toMatch(/[\t\r\n]/);
    }
    expect(rows[0]?.[13]).toBe("'=HYPERLINK(\"http://x\")");
    expect(rows[2]?.[10]).toBe("123");
    expect(rows[5]?.[13]).toBe("Korrektur =cmd|' /C calc'!A0");
  });

  it("books a correction as its own booking on the day it was booked, Haben when it lowers revenue", () => {
    const rows = datevRows(datevBookings([job()], options, [correction(), correction({ id: 8, deltaGrossCents: 238, deltaNetCents: 200, deltaVatCents: 38, bookedAt: new Date("2026-03-31T22:30:00Z") })]));
    expect(rows.map((row) => [row[0], row[1], row[6], row[7], row[9], row[10]])).toEqual([
      ["11,90", "S", "1400", "8400", "1003", "A-100"],
      ["5,95", "H", "1400", "8400", "2003", "K7-job-0"],
      ["2,38", "S", "1400", "8400", "0104", "K8-job-0"],
    ]);
  });

  it("leaves private corrections out, like private jobs", () => {
    const rows = datevRows(datevBookings([], options, [correction({ treatment: "private", vatRateBp: 0, deltaVatCents: 0, deltaGrossCents: -500 })]));
    expect(rows).toEqual([]);
  });

  it("writes the EXTF 700 header with 31 fields and the first 14 columns of format version 13", () => {
    const [header, columns] = parseCsv(datevBookings([], options), ";");
    expect(header).toHaveLength(31);
    expect(header?.slice(0, 6)).toEqual(["EXTF", "700", "21", "Buchungsstapel", "13", "20260401100000000"]);
    expect(header?.slice(10, 16)).toEqual(["1001", "1", "20260101", "4", "20260301", "20260331"]);
    expect(header?.[21]).toBe("EUR");
    expect(header?.[26]).toBe("03");
    expect(columns).toHaveLength(14);
  });
});

describe("jobs CSV", () => {
  it("says status and tax treatment in German words", () => {
    const rows = parseCsv(jobsCsv([job(), job({ jobId: "job-2", status: "cancelled", businessUse: false, cost: { netCents: 300, vatCents: 0, grossCents: 300, vatRateBp: 0, treatment: "private" } })], [], "de"), ";");
    expect(rows[1]?.[6]).toBe("fertig");
    expect(rows[1]?.[16]).toBe("umsatzsteuerpflichtig");
    expect(rows[2]?.[6]).toBe("abgebrochen");
    expect(rows[2]?.[16]).toBe("privat (ohne Umsatz)");
    expect(rows.flat()).not.toContain("finished");
    expect(rows.flat()).not.toContain("vat");
    expect(rows[0]?.[14]).toBe("USt. (EUR)");
  });

  it("lists corrections booked in the period as their own lines with the difference", () => {
    const rows = parseCsv(jobsCsv([job()], [correction()], "de"), ";");
    expect(rows).toHaveLength(3);
    expect(rows[2]?.slice(0, 2)).toEqual(["20.03.2026", "Gehäuse"]);
    expect(rows[2]?.[6]).toBe("Korrektur: Auftragsangaben geändert");
    expect(rows[2]?.slice(12, 16)).toEqual(["-5,00", "19,00", "-0,95", "-5,95"]);
    const english = parseCsv(jobsCsv([job()], [correction()], "en"), ",");
    expect(english[2]?.[6]).toBe("correction: job details changed");
    expect(english[1]?.[16]).toBe("subject to VAT");
  });

  it("guards the correction's text cells against formulas", () => {
    const rows = parseCsv(jobsCsv([], [correction({ name: "=1+1", customer: "@x" })], "de"), ";");
    expect(rows[1]?.[1]).toBe("'=1+1");
    expect(rows[1]?.[3]).toBe("'@x");
  });
});
