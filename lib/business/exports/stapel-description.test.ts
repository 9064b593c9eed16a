import { describe, expect, it } from "vitest";
import { stapelDescription } from "./datev";

describe("DATEV header field 17 (Bezeichnung, max. 30)", () => {
  it("names the shop from the business details and keeps the period's first day whole", () => {
    expect(stapelDescription("3D-Druck Muster", "2026-12-01")).toBe("3D-Druck Muster 2026-12-01");
    const long = stapelDescription("Kornwestheimer Druckwerkstatt für Ersatzteile GmbH", "2026-12-01");
    expect(long).toBe("Kornwestheimer Druc 2026-12-01");
    expect(long.length).toBeLessThanOrEqual(30);
    expect(long.endsWith(" 2026-12-01")).toBe(true);
  });

  it("says Printernizer until a name is entered", () => {
    expect(stapelDescription("  ", "2026-01-01")).toBe("Printernizer 2026-01-01");
  });
});
