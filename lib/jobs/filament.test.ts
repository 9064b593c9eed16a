import { describe, expect, it } from "vitest";
import type { PrintFileMetadata } from "@/lib/files/metadata/types";
import { plannedGrams, usedGrams } from "./filament";

const plate = (index: number, filamentGrams: number) => ({ index, filamentGrams, filaments: [] });
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
  it("takes the grams of a single-plate file, and none when which of several plates was printed is unknown", () => {
    expect(plannedGrams(metadata([plate(1, 12.5)], 12.5))).toBe(12.5);
    expect(plannedGrams(metadata([], 30))).toBe(30);
    expect(plannedGrams(metadata([plate(1, 10), plate(2, 20)], 30))).toBeNull();
  });

  it("counts a finished print whole and an ended one by its progress", () => {
    expect(usedGrams(40, "finished", 97)).toBe(40);
    expect(usedGrams(40, "cancelled", 25)).toBe(10);
    expect(usedGrams(40, "failed", 150)).toBe(40);
  });
});
