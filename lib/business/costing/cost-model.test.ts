import { describe, expect, it } from "vitest";
import {
  computeJobCostLines,
  effectiveMarkupBp,
  energyKwh,
  type JobCostInput,
  pickRateAt,
  priceJob,
  pricePerKgOfSpool,
  rateEffectiveFrom,
} from "./cost-model";
import { equals, exactCentsOfEuros, multiply, ratio, scaled } from "../money/money";
import { computeJobTotals, VAT_RATES_BP } from "../money/vat";

const standard19 = { vatRate: VAT_RATES_BP.standard, mode: "standard", businessUse: true } as const;

function roundedLines(input: JobCostInput) {
  return computeJobTotals(computeJobCostLines(input), standard19).lines.map((line) => [line.kind, line.netCents]);
}

describe("material", () => {
  it("12.34 g at 24.99 €/kg is 30.83766 ct → 0.31 €", () => {
    const [line] = computeJobCostLines({ materials: [{ grams: "12.34", pricePerKgCents: 2499, label: "PLA Basic Schwarz" }] });
    expect(line.kind).toBe("material");
    expect(line.label).toBe("PLA Basic Schwarz");
    expect(line.unit).toBe("g");
    expect(equals(line.quantity, "12.34")).toBe(true);
    expect(equals(line.unitPriceCents, "2.499")).toBe(true);
    expect(equals(line.exactCents, "30.83766")).toBe(true);
    expect(roundedLines({ materials: [{ grams: "12.34", pricePerKgCents: 2499 }] })).toEqual([["material", 31]]);
  });

  it("takes grams as milligrams with a scale and several spools (AMS)", () => {
    const lines = roundedLines({
      materials: [
        { grams: scaled(12_340, 3), pricePerKgCents: "2499" },
        { grams: "3.5", pricePerKgCents: "1999.00" }, // 6.9965 ct
      ],
    });
    expect(lines).toEqual([
      ["material", 31],
      ["material", 7],
    ]);
  });

  it("derives the price per kg of a spool", () => {
    expect(equals(pricePerKgOfSpool(2499, 1000), 2499)).toBe(true);
    expect(equals(pricePerKgOfSpool(1999, 750), ratio(7996, 3))).toBe(true); // 2665.33… ct/kg
    expect(() => pricePerKgOfSpool(1999, 0)).toThrow(RangeError);
  });

  it("refuses negative quantities and float fractions", () => {
    expect(() => computeJobCostLines({ materials: [{ grams: "-1", pricePerKgCents: 2499 }] })).toThrow(RangeError);
    expect(() => computeJobCostLines({ materials: [{ grams: 12.34, pricePerKgCents: 2499 }] })).toThrow(RangeError);
  });
});

describe("energy", () => {
  it("150 W for 2 h 30 min at 0.3412 €/kWh is 0.375 kWh, 12.795 ct → 0.13 €", () => {
    const input: JobCostInput = {
      materials: [],
      energy: {
        use: { kind: "profile", heatUpWatts: 0, heatUpSeconds: 0, printingWatts: 150, printingSeconds: 9000 },
        centsPerKwh: exactCentsOfEuros("0.3412"),
      },
    };
    const [line] = computeJobCostLines(input);
    expect(line.unit).toBe("kWh");
    expect(equals(line.quantity, "0.375")).toBe(true);
    expect(equals(line.unitPriceCents, "34.12")).toBe(true);
    expect(equals(line.exactCents, "12.795")).toBe(true);
    expect(roundedLines(input)).toEqual([["energy", 13]]);
  });

  it("adds the heat-up phase: 1000 W × 300 s + 150 W × 9000 s = 11/24 kWh", () => {
    const use = { kind: "profile", heatUpWatts: 1000, heatUpSeconds: 300, printingWatts: "150", printingSeconds: 9000 } as const;
    expect(energyKwh(use)).toEqual({ num: 11n, den: 24n });
    // 11/24 × 34.12 = 15.6383… ct
    expect(roundedLines({ materials: [], energy: { use, centsPerKwh: "34.12" } })).toEqual([["energy", 16]]);
  });

  it("uses measured watt-hours when known", () => {
    expect(equals(energyKwh({ kind: "measured", wattHours: 375 }), "0.375")).toBe(true);
    // 1.234 kWh × 34.12 ct = 42.10408 ct
    expect(roundedLines({ materials: [], energy: { use: { kind: "measured", wattHours: 1234 }, centsPerKwh: "34.12" } })).toEqual([
      ["energy", 42],
    ]);
  });
});

describe("machine time, labour and markup", () => {
  it("machine time is hours × hourly rate", () => {
    expect(roundedLines({ materials: [], machine: { printSeconds: 9000, centsPerHour: 150 } })).toEqual([["machine", 375]]);
    // 1.5 h × 1.25 €/h = 187.5 ct
    expect(roundedLines({ materials: [], machine: { printSeconds: 5400, centsPerHour: 125 } })).toEqual([["machine", 188]]);
  });

  it("labour is minutes × hourly rate", () => {
    expect(roundedLines({ materials: [], labour: { minutes: 10, centsPerHour: 3000 } })).toEqual([["labour", 500]]);
    // 7/60 h × 25 €/h = 291.67 ct
    expect(roundedLines({ materials: [], labour: { minutes: 7, centsPerHour: 2500 } })).toEqual([["labour", 292]]);
    // 420 s given as minutes through a ratio
    expect(roundedLines({ materials: [], labour: { minutes: ratio(420, 60), centsPerHour: 2500 } })).toEqual([["labour", 292]]);
  });

  const fullJob: JobCostInput = {
    materials: [{ grams: "12.34", pricePerKgCents: 2499 }],
    energy: {
      use: { kind: "profile", heatUpWatts: 0, heatUpSeconds: 0, printingWatts: 150, printingSeconds: 9000 },
      centsPerKwh: "34.12",
    },
    machine: { printSeconds: 9000, centsPerHour: 150 },
    labour: { minutes: 10, centsPerHour: 3000 },
    markupBp: 1500,
  };

  it("markup is a percentage of the rounded lines, then VAT once on the job", () => {
    const totals = priceJob(fullJob, standard19);
    expect(totals.lines.map((line) => [line.kind, line.netCents])).toEqual([
      ["material", 31],
      ["energy", 13],
      ["machine", 375],
      ["labour", 500],
      ["markup", 138], // 15 % of 919 ct = 137.85 ct
    ]);
    const markup = totals.lines[4];
    expect(markup.unit).toBe("%");
    expect(equals(markup.quantity, 15)).toBe(true);
    expect(equals(markup.unitPriceCents, "9.19")).toBe(true);
    expect(totals).toMatchObject({ netCents: 1057, vatCents: 201, grossCents: 1258 }); // 200.83 ct
  });

  it("a negative markup is a discount", () => {
    const lines = roundedLines({ ...fullJob, markupBp: -1000 });
    expect(lines.at(-1)).toEqual(["markup", -92]); // -91.9 ct
  });

  it("every line is quantity × unit price", () => {
    for (const line of computeJobCostLines(fullJob)) {
      expect(equals(line.exactCents, multiply(line.quantity, line.unitPriceCents))).toBe(true);
    }
  });

  it("leaves out what is not given", () => {
    expect(computeJobCostLines({ materials: [] })).toEqual([]);
    expect(computeJobCostLines({ materials: [], markupBp: 1500 })).toHaveLength(1);
    expect(computeJobCostLines({ materials: [], markupBp: 0 })).toEqual([]);
  });

  it("markup comes from the job, else the customer, else the default", () => {
    expect(effectiveMarkupBp({ job: null, customer: 500, fallback: 1000 })).toBe(500);
    expect(effectiveMarkupBp({ job: 0, customer: 500, fallback: 1000 })).toBe(0);
    expect(effectiveMarkupBp({ fallback: 1000 })).toBe(1000);
    expect(() => effectiveMarkupBp({ job: 12.5, fallback: 0 })).toThrow(RangeError);
    expect(() => computeJobCostLines({ materials: [], markupBp: -10_001 })).toThrow(RangeError);
  });
});

describe("pickRateAt", () => {
  const rates = [
    { validFrom: new Date("2026-01-01"), centsPerKwh: "34.12" }, // UTC midnight = 01:00 Berlin, 1 Jan 2026
    { validFrom: new Date("2024-12-31T23:00:00Z"), centsPerKwh: "30" }, // Berlin midnight, 1 Jan 2025
    { validFrom: new Date("2026-06-30T22:00:00Z"), centsPerKwh: "29.5" }, // Berlin midnight, 1 Jul 2026
  ];

  it("reads validFrom as the start of its Berlin day", () => {
    expect(rateEffectiveFrom(rates[0]).toISOString()).toBe("2025-12-31T23:00:00.000Z");
    expect(rateEffectiveFrom(rates[2]).toISOString()).toBe("2026-06-30T22:00:00.000Z");
    // 23:30 Berlin on 30 June counts as 30 June
    expect(rateEffectiveFrom({ validFrom: new Date("2026-06-30T21:30:00Z") }).toISOString()).toBe("2026-06-29T22:00:00.000Z");
  });

  it("uses the rate in force at the instant; the new one from 00:00 Berlin on", () => {
    expect(pickRateAt(rates, new Date("2024-12-31T22:59:59.999Z"))).toBeUndefined();
    expect(pickRateAt(rates, new Date("2024-12-31T23:00:00Z"))?.centsPerKwh).toBe("30");
    expect(pickRateAt(rates, new Date("2025-12-31T22:59:59.999Z"))?.centsPerKwh).toBe("30");
    expect(pickRateAt(rates, new Date("2025-12-31T23:00:00Z"))?.centsPerKwh).toBe("34.12");
    expect(pickRateAt(rates, new Date("2026-06-30T21:59:59.999Z"))?.centsPerKwh).toBe("34.12");
    expect(pickRateAt(rates, new Date("2026-06-30T22:00:00Z"))?.centsPerKwh).toBe("29.5");
    expect(pickRateAt(rates, new Date("2030-01-01T00:00:00Z"))?.centsPerKwh).toBe("29.5");
  });

  it("on two entries for one Berlin day takes the later in the list", () => {
    const sameDay = [
      { validFrom: new Date("2026-03-01T12:00:00Z"), id: "first" },
      { validFrom: new Date("2026-02-28T23:00:00Z"), id: "second" },
    ];
    expect(pickRateAt(sameDay, new Date("2026-03-02T00:00:00Z"))?.id).toBe("second");
    expect(pickRateAt([], new Date())).toBeUndefined();
    expect(() => pickRateAt(rates, new Date(Number.NaN))).toThrow(RangeError);
  });
});
