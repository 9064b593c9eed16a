import { copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixturePath } from "@/test/fixtures";
import { readPrintFileMetadata } from "./read-metadata";
import { printFileMetadataSchema } from "./types";

const fixture = (name: string) => fixturePath("files", name);

describe("readPrintFileMetadata on real slicer output", () => {
  it("Bambu .gcode.3mf with one plate (A1 mini): time and grams from slice_info", async () => {
    const metadata = await readPrintFileMetadata(fixture("bambu.gcode.3mf"));
    expect(printFileMetadataSchema.parse(metadata)).toEqual(metadata);
    expect(metadata).toEqual({
      kind: "gcode.3mf",
      plates: [
        {
          index: 1,
          printSeconds: 1095,
          filamentGrams: 2.83,
          filaments: [{ type: "PLA", color: "#00AE42", grams: 2.83, meters: 0.93, amsSlot: 1 }],
          objects: ["Cube"],
          thumbnailEntry: "Metadata/plate_1.png",
        },
      ],
      printSeconds: 1095,
      filamentGrams: 2.83,
      filamentMeters: 0.93,
      filaments: [{ type: "PLA", color: "#00AE42", grams: 2.83, meters: 0.93, amsSlot: 1 }],
      layerHeight: 0.2,
      nozzleDiameter: 0.4,
      printerModel: "Bambu Lab A1 mini",
      printerModelId: "N1",
      slicer: { name: "BambuStudio", version: "02.04.00.70" },
      objects: ["Cube"],
      thumbnails: [
        { width: 512, height: 512, format: "png", plate: 1 },
        { width: 128, height: 128, format: "png", plate: 1 },
      ],
    });
  });

  it("Bambu .gcode.3mf with two plates (X1C): each plate, and the file's sums", async () => {
    const metadata = await readPrintFileMetadata(fixture("bambu-2-plates.gcode.3mf"));
    expect(metadata.kind).toBe("gcode.3mf");
    expect(metadata.plates).toEqual([
      {
        index: 1,
        printSeconds: 1216,
        filamentGrams: 6.75,
        filaments: [{ type: "PLA", color: "#00AE42", grams: 6.75, meters: 2.23, amsSlot: 1 }],
        objects: ["Cube"],
        thumbnailEntry: "Metadata/plate_1.png",
      },
      {
        index: 2,
        printSeconds: 1094,
        filamentGrams: 3.91,
        filaments: [{ type: "PLA", color: "#00AE42", grams: 3.91, meters: 1.29, amsSlot: 1 }],
        objects: ["Sphere"],
        thumbnailEntry: "Metadata/plate_2.png",
      },
    ]);
    expect(metadata.printSeconds).toBe(1216 + 1094);
    expect(metadata.filamentGrams).toBe(10.66);
    expect(metadata.filamentMeters).toBe(3.52);
    expect(metadata.filaments).toEqual([{ type: "PLA", color: "#00AE42", grams: 10.66, meters: 3.52, amsSlot: 1 }]);
    expect(metadata.printerModel).toBe("Bambu Lab X1 Carbon");
    expect(metadata.printerModelId).toBe("BL-P001");
    expect(metadata.nozzleDiameter).toBe(0.4);
    expect(metadata.objects).toEqual(["Cube", "Sphere"]);
    expect(metadata.thumbnails.filter((thumbnail) => thumbnail.width === 512).map((thumbnail) => thumbnail.plate)).toEqual([
      1, 2,
    ]);
  });

  it("Bambu project .3mf (not sliced): two plates with objects and pictures, no estimates", async () => {
    const metadata = await readPrintFileMetadata(fixture("bambu-2-plates.3mf"));
    expect(printFileMetadataSchema.parse(metadata)).toEqual(metadata);
    expect(metadata.kind).toBe("3mf");
    expect(metadata.plates).toEqual([
      { index: 1, filaments: [], objects: ["Cube"], thumbnailEntry: "Metadata/plate_1.png" },
      { index: 2, filaments: [], objects: ["Sphere"], thumbnailEntry: "Metadata/plate_2.png" },
    ]);
    expect(metadata.printSeconds).toBeNull();
    expect(metadata.filamentGrams).toBeNull();
    expect(metadata.filamentMeters).toBeNull();
    expect(metadata.filaments).toEqual([{ type: "PLA", color: "#00AE42", amsSlot: 1 }]);
    expect(metadata.printerModel).toBe("Bambu Lab X1 Carbon");
    expect(metadata.printerModelId).toBeNull();
    expect(metadata.layerHeight).toBe(0.2);
    expect(metadata.slicer).toEqual({ name: "BambuStudio", version: "02.04.00.70" });
    expect(metadata.thumbnails).toHaveLength(4);
  });

  it("PrusaSlicer project .3mf: settings from Slic3r_PE.config, one picture", async () => {
    const metadata = await readPrintFileMetadata(fixture("Shape-Box.3mf"));
    expect(printFileMetadataSchema.parse(metadata)).toEqual(metadata);
    expect(metadata.kind).toBe("3mf");
    expect(metadata.plates).toHaveLength(1);
    expect(metadata.plates[0].objects).toEqual(["Shape-Box"]);
    expect(metadata.printSeconds).toBeNull();
    expect(metadata.filamentGrams).toBeNull();
    expect(metadata.printerModel).toBe("MK4ISMMU3");
    expect(metadata.layerHeight).toBe(0.2);
    expect(metadata.nozzleDiameter).toBe(0.4);
    expect(metadata.slicer).toEqual({ name: "PrusaSlicer", version: "2.9.4" });
    // MMU3 project: five configured slots, none used yet.
    expect(metadata.filaments).toHaveLength(5);
    expect(metadata.filaments[0]).toEqual({ type: "PLA", color: "#FF8000", amsSlot: 1 });
    expect(metadata.thumbnails).toEqual([{ width: 256, height: 256, format: "png" }]);
  });

  it("PrusaSlicer binary G-code: print, printer and slicer blocks, QOI and PNG thumbnails", async () => {
    const metadata = await readPrintFileMetadata(fixture("Shape-Box_0.4n_0.2mm_PLA_MK4ISMMU3_20m.bgcode"));
    expect(printFileMetadataSchema.parse(metadata)).toEqual(metadata);
    expect(metadata).toMatchObject({
      kind: "bgcode",
      printSeconds: 19 * 60 + 58,
      filamentGrams: 6.17,
      filamentMeters: 2.068,
      filaments: [{ type: "PLA", color: "#FF8000", grams: 6.17, meters: 2.068, amsSlot: 1 }],
      layerHeight: 0.2,
      nozzleDiameter: 0.4,
      printerModel: "MK4ISMMU3",
      printerModelId: null,
      slicer: { name: "PrusaSlicer", version: "2.9.4" },
      objects: ["Shape-Box"],
    });
    expect(metadata.plates).toEqual([
      {
        index: 1,
        printSeconds: 1198,
        filamentGrams: 6.17,
        filaments: [{ type: "PLA", color: "#FF8000", grams: 6.17, meters: 2.068, amsSlot: 1 }],
        objects: ["Shape-Box"],
      },
    ]);
    expect(metadata.thumbnails).toEqual([
      { width: 16, height: 16, format: "qoi" },
      { width: 313, height: 173, format: "qoi" },
      { width: 480, height: 240, format: "qoi" },
      { width: 380, height: 285, format: "png" },
    ]);
  });

  it("PrusaSlicer text G-code: summary from the tail, settings, the one complete thumbnail", async () => {
    const metadata = await readPrintFileMetadata(fixture("sample.gcode"));
    expect(printFileMetadataSchema.parse(metadata)).toEqual(metadata);
    expect(metadata).toEqual({
      kind: "gcode",
      plates: [
        {
          index: 1,
          printSeconds: 3600 + 31 * 60 + 17,
          filamentGrams: 13.93,
          filaments: [{ type: "PLA", color: "#FF8000", grams: 13.93, meters: 4.671, amsSlot: 1 }],
        },
      ],
      printSeconds: 5477,
      filamentGrams: 13.93,
      filamentMeters: 4.671,
      filaments: [{ type: "PLA", color: "#FF8000", grams: 13.93, meters: 4.671, amsSlot: 1 }],
      layerHeight: 0.2,
      nozzleDiameter: 0.4,
      printerModel: "MINI",
      printerModelId: null,
      slicer: { name: "PrusaSlicer", version: "2.3.3+win64" },
      // The fixture's 220x124 block is cut off (its data is missing): only 16x16 is whole.
      thumbnails: [{ width: 16, height: 16, format: "png" }],
    });
  });

  it("dispatches by content, not by name", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "meta-name-"));
    try {
      await copyFile(fixture("bambu.gcode.3mf"), path.join(dir, "renamed.gcode"));
      await copyFile(fixture("Shape-Box_0.4n_0.2mm_PLA_MK4ISMMU3_20m.bgcode"), path.join(dir, "SHAPE~1.BGC"));
      expect((await readPrintFileMetadata(path.join(dir, "renamed.gcode"))).kind).toBe("gcode.3mf");
      expect((await readPrintFileMetadata(path.join(dir, "SHAPE~1.BGC"))).kind).toBe("bgcode");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
