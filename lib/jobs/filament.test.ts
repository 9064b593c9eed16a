import { describe, expect, it } from "vitest";
import type { PrintFileMetadata } from "@/lib/files/metadata/types";
import type { FilamentSlot } from "@/lib/printers/types";
import { filamentUses, plateFilaments, plateOfGcodeFile, slotOfTray, slotsOfFilaments, usedGrams } from "./filament";

const plate = (index: number, filamentGrams: number, filaments: PrintFileMetadata["filaments"] = []) => ({ index, filamentGrams, filaments });
const pla = (grams: number, amsSlot: number, color = "#FFFFFF") => ({ type: "PLA", color, grams, amsSlot });
const slot = (id: string, type: string, color: string | null, active = false): FilamentSlot => ({ id, type, color, remainingPercent: null, active });
const metadata = (plates: PrintFileMetadata["plates"], filamentGrams: number | null): PrintFileMetadata => ({
  kind: "gcode.3mf",
  plates,
  printSeconds: null,
  filamentGrams,
  filamentMeters: null,
  filaments: [],
  layerHeight: null,
  nozzleDiameter: null,
  printerModel: null,
  printerModelId: null,
  slicer: null,
  thumbnails: [],
});

describe("filament of a job", () => {
  it("reads the plate from Bambu's gcode_file", () => {
    expect(plateOfGcodeFile("/data/Metadata/plate_2.gcode")).toBe(2);
    expect(plateOfGcodeFile("Metadata/plate_12.gcode")).toBe(12);
    expect(plateOfGcodeFile("/cache/plate_2.gcode.3mf")).toBeNull();
    expect(plateOfGcodeFile(null)).toBeNull();
  });

  it("takes the filaments of the printed plate, the only plate, or none when the plate of several is unknown", () => {
    const two = metadata([plate(1, 10, [pla(10, 1)]), plate(2, 20, [pla(15, 1), pla(5, 3, "#000000")])], 30);
    expect(plateFilaments(two, 2)).toEqual([pla(15, 1), pla(5, 3, "#000000")]);
    expect(plateFilaments(two, null)).toBeNull();
    expect(plateFilaments(two, 3)).toBeNull();
    expect(plateFilaments(metadata([plate(1, 12.5)], 12.5), null)).toEqual([{ type: null, color: null, grams: 12.5 }]);
    expect(plateFilaments(metadata([], 30), null)).toEqual([{ type: null, color: null, grams: 30 }]);
    expect(plateFilaments(metadata([], null), null)).toBeNull();
  });

  it("maps filaments to slots through the start's ams_mapping, the active tray, type and colour, or the Prusa tool", () => {
    const trays = [slot("ams0-tray0", "PLA", "#FFFFFF"), slot("ams0-tray1", "PLA", "#000000", true), slot("ext", "PETG", null)];
    expect(slotOfTray(5)).toBe("ams1-tray1");
    expect(slotOfTray(128)).toBe("ams128-tray0");
    expect(slotOfTray(-1)).toBe("ext");
    expect(slotsOfFilaments([pla(15, 1), pla(5, 3)], [2, -1, -1], trays)).toEqual(["ams0-tray2", "ext"]);
    expect(slotsOfFilaments([pla(15, 1)], null, trays)).toEqual(["ams0-tray1"]);
    expect(slotsOfFilaments([pla(15, 1), pla(5, 2, "#000000")], null, trays.map((t) => ({ ...t, active: false })))).toEqual(["ams0-tray0", "ams0-tray1"]);
    expect(slotsOfFilaments([pla(3, 1), pla(4, 2)], null, [slot("tool0", "PLA", "#FFFFFF"), slot("tool1", "PLA", "#FFFFFF")])).toEqual(["tool0", "tool1"]);
    expect(slotsOfFilaments([pla(3, 1)], null, [])).toEqual([null]);
  });

  it("scales each filament by progress for a print that ended early", () => {
    expect(filamentUses([pla(15, 1), pla(5, 2)], ["ams0-tray0", null], "cancelled", 50)).toEqual([
      { slot: "ams0-tray0", grams: 7.5, type: "PLA", color: "#FFFFFF" },
      { slot: null, grams: 2.5, type: "PLA", color: "#FFFFFF" },
    ]);
  });

  it("counts a finished print whole and an ended one by its progress", () => {
    expect(usedGrams(40, "finished", 97)).toBe(40);
    expect(usedGrams(40, "cancelled", 25)).toBe(10);
    expect(usedGrams(40, "failed", 150)).toBe(40);
  });
});
