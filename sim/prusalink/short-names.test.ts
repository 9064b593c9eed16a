import { describe, expect, it } from "vitest";
import { shortNameFor } from "./short-names";

describe("shortNameFor", () => {
  it("matches the short names seen in captured listings", () => {
    expect(shortNameFor("xlcd-cover-R2_0.4n_0.2mm_PETG_MK4IS_1h2m.bgcode", new Set())).toBe("XLCD-C~1.BGC");
    expect(shortNameFor("y-belt-holder-tensioner-R2(2)_0.4n_0.2mm_PETG_MK4IS_48m.bgcode", new Set())).toBe("Y-BELT~1.BGC");
    expect(shortNameFor("multiple_grots_0.4n_0.15mm_PLA,PLA,PLA,PLA_XLIS_5h36m.bgcode", new Set())).toBe("MULTIP~1.BGC");
    expect(shortNameFor("benchy.gcode", new Set())).toBe("BENCHY.GCO");
    expect(shortNameFor("Other", new Set())).toBe("OTHER");
  });

  it("counts the tail up when the short name is taken", () => {
    const taken = new Set(["XLCD-C~1.BGC", "BENCHY.GCO"]);
    expect(shortNameFor("xlcd-cover-R3.bgcode", taken)).toBe("XLCD-C~2.BGC");
    expect(shortNameFor("Benchy.gcode", taken)).toBe("BENCHY~1.GCO");
  });
});
