import { describe, expect, it } from "vitest";
import type { FilamentSlot } from "@/lib/printers/types";
import { materialsForTray, spoolFromTray, traysWithoutSpool } from "./reported-trays";
import { spoolInputSchema, type MaterialView } from "./schemas";

const slot = (id: string, type: string | null, remainingPercent: number | null = null): FilamentSlot => ({ id, type, color: "#FF0000", remainingPercent, active: false });
const material = (id: string, type: string, archived = false): MaterialView => ({ id, type, brand: "Brand", color: "Rot", diameterMm: "1.75", pricePerKgCents: 2499, archived });
const printers = [
  { id: "p1", name: "A1 links" },
  { id: "p2", name: "Core One" },
];
const reported: Record<string, FilamentSlot[]> = {
  p1: [slot("ams0-tray0", "PLA", 62), slot("ams0-tray1", null), slot("ams0-tray2", "PETG"), slot("ext", "TPU")],
  p2: [slot("tool0", "PLA")],
};

describe("spools from what the AMS reports", () => {
  it("offers every reported slot with filament that holds no active spool", () => {
    const spools = [
      { archived: false, printerId: "p1", slot: "ams0-tray2" },
      { archived: true, printerId: "p1", slot: "ext" },
      { archived: false, printerId: null, slot: null },
    ];
    const offers = traysWithoutSpool(printers, (id) => reported[id] ?? [], spools);
    expect(offers.map((o) => o.key)).toEqual(["p1/ams0-tray0", "p1/ext", "p2/tool0"]);
    expect(offers[0].printer.name).toBe("A1 links");
  });

  it("puts the active materials of the reported type first, whatever their case", () => {
    const materials = [material("m1", "PETG"), material("m2", "pla"), material("m3", "PLA", true), material("m4", "PLA ")];
    expect(materialsForTray({ type: "PLA" }, materials).map((m) => m.id)).toEqual(["m2", "m4", "m1"]);
    expect(materialsForTray({ type: null }, materials).map((m) => m.id)).toEqual(["m1", "m2", "m4"]);
  });

  it("creates the spool in the tray with what the AMS says is left of a full spool, a valid spool input", () => {
    const spool = spoolFromTray("p1", slot("ams0-tray0", "PLA", 62.5), "m2");
    expect(spool).toEqual({ materialId: "m2", initialGrams: 1000, remainingGrams: 625, printerId: "p1", slot: "ams0-tray0" });
    expect(spoolInputSchema.safeParse(spool).success).toBe(true);
    expect(spoolFromTray("p2", slot("tool0", "PLA"), "m2")).toEqual({ materialId: "m2", initialGrams: 1000, printerId: "p2", slot: "tool0" });
  });
});
