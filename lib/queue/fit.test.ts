import { beforeAll, describe, expect, it } from "vitest";
import { readPrintFileMetadata } from "@/lib/files/metadata/read-metadata";
import { fixturePath } from "@/test/fixtures";
import { fitAgainst, printerReasons, type FitFile, type FitPrinter } from "./fit";

/** Fit from real sliced files: the model each was sliced for against the kind descriptors' slicer ids. */

const files: Record<string, FitFile> = {};

async function load(name: string): Promise<FitFile> {
  const metadata = await readPrintFileMetadata(fixturePath("files", name));
  const type = name.endsWith(".gcode.3mf") ? "gcode.3mf" : name.endsWith(".3mf") ? "3mf" : name.endsWith(".bgcode") ? "bgcode" : "gcode";
  return { name, type, metadata };
}

beforeAll(async () => {
  files.a1mini = await load("bambu.gcode.3mf");
  files.x1c = await load("bambu-2-plates.gcode.3mf");
  files.project = await load("bambu-2-plates.3mf");
  files.mk4 = await load("Shape-Box_0.4n_0.2mm_PLA_MK4ISMMU3_20m.bgcode");
  files.mini = await load("sample.gcode");
});

const pla = { id: "ext", type: "PLA", color: "#00AE42", remainingPercent: null, active: false };
const petg = { id: "ams0-tray0", type: "PETG", color: "#FFFFFF", remainingPercent: null, active: false };

function printer(id: string, kind: string, model: string, extra: Partial<FitPrinter> = {}): FitPrinter {
  return { id, name: id, kind, model, enabled: true, deleted: false, filament: kind === "bambu" ? [pla] : [], nozzleDiameterMm: 0.4, ...extra };
}

const a1mini = printer("a1mini", "bambu", "A1 mini");
const a1 = printer("a1", "bambu", "A1");
const x1c = printer("x1c", "bambu", "X1C");
const mk4 = printer("mk4", "prusalink", "MK4");
const coreOne = printer("core", "prusalink", "Core One");
const mini = printer("mini", "prusalink", "MINI");
const request = { plate: null, amsMapping: null };

describe("queue fit", () => {
  it("sends an A1 mini file only to A1 minis", () => {
    const result = fitAgainst(files.a1mini, [a1mini, a1, x1c, mk4], request);
    expect(result.fitting.map((p) => p.id)).toEqual(["a1mini"]);
    expect(result.reasons).toEqual(
      expect.arrayContaining([
        { code: "model_mismatch", printerId: "a1", params: { printer: "a1", fileModel: "Bambu Lab A1 mini", model: "A1" } },
        { code: "type_unsupported", printerId: "mk4", params: { printer: "mk4", type: "gcode.3mf" } },
      ]),
    );
  });

  it("never sends an X1C file to an A1 mini", () => {
    const result = fitAgainst(files.x1c, [a1mini, x1c], { plate: 2, amsMapping: null });
    expect(result.fitting.map((p) => p.id)).toEqual(["x1c"]);
    expect(result.reasons.map((r) => [r.printerId, r.code])).toEqual([["a1mini", "model_mismatch"]]);
  });

  it("sends a PrusaSlicer MK4IS-MMU3 file to an MK4, never to a Bambu or another Prusa model", () => {
    const result = fitAgainst(files.mk4, [a1mini, x1c, mk4, coreOne, mini], request);
    expect(result.fitting.map((p) => p.id)).toEqual(["mk4"]);
    expect(result.reasons.map((r) => [r.printerId, r.code])).toEqual([
      ["a1mini", "type_unsupported"],
      ["x1c", "type_unsupported"],
      ["core", "model_mismatch"],
      ["mini", "model_mismatch"],
    ]);
    expect(fitAgainst(files.mini, [mk4, mini], request).fitting.map((p) => p.id)).toEqual(["mini"]);
  });

  it("refuses an unsliced 3MF project for every printer, with the reason", () => {
    const result = fitAgainst(files.project, [x1c], request);
    expect(result).toEqual({ ok: false, fitting: [], reasons: [{ code: "project_unsliced", printerId: null, params: { file: "bambu-2-plates.3mf" } }] });
  });

  it("refuses a plate the file does not have", () => {
    expect(fitAgainst(files.a1mini, [a1mini], { plate: 3, amsMapping: null }).reasons).toEqual([{ code: "plate_missing", printerId: null, params: { plate: 3 } }]);
  });

  it("asks for the plate's filament type on a Bambu: loaded anywhere, or in the mapped tray", () => {
    const petgOnly = { ...a1mini, filament: [{ ...pla, type: "PETG" }] };
    expect(printerReasons(files.a1mini, petgOnly, request)).toEqual([{ code: "filament_missing", printerId: "a1mini", params: { printer: "a1mini", type: "PLA" } }]);
    const both = { ...a1mini, filament: [pla, petg] };
    expect(printerReasons(files.a1mini, both, { plate: null, amsMapping: [-1] })).toEqual([]);
    expect(printerReasons(files.a1mini, both, { plate: null, amsMapping: [0] })).toEqual([
      { code: "mapping_mismatch", printerId: "a1mini", params: { printer: "a1mini", slot: 1, type: "PLA" } },
    ]);
  });

  it("leaves disabled and removed printers out, and says when no printer is allowed at all", () => {
    expect(printerReasons(files.a1mini, { ...a1mini, enabled: false }, request)[0].code).toBe("printer_disabled");
    expect(printerReasons(files.a1mini, { ...a1mini, deleted: true }, request)[0].code).toBe("printer_removed");
    expect(fitAgainst(files.a1mini, [], request).reasons[0].code).toBe("no_printer");
  });

  it("refuses a printer whose loaded nozzle differs from the file's, on either kind", () => {
    expect(files.a1mini.metadata?.nozzleDiameter).toBe(0.4);
    expect(printerReasons(files.a1mini, { ...a1mini, nozzleDiameterMm: 0.6 }, request)).toEqual([
      { code: "nozzle_mismatch", printerId: "a1mini", params: { printer: "a1mini", nozzle: 0.6, fileNozzle: 0.4 } },
    ]);
    const result = fitAgainst(files.mk4, [{ ...mk4, id: "mk4-06", name: "mk4-06", nozzleDiameterMm: 0.6 }, mk4], request);
    expect(result.fitting.map((p) => p.id)).toEqual(["mk4"]);
    expect(result.reasons).toEqual([{ code: "nozzle_mismatch", printerId: "mk4-06", params: { printer: "mk4-06", nozzle: 0.6, fileNozzle: 0.4 } }]);
  });

  it("treats nozzles within 0.001 mm as the same, and an unknown nozzle on either side as no reason to refuse", () => {
    expect(printerReasons(files.a1mini, { ...a1mini, nozzleDiameterMm: 0.4005 }, request)).toEqual([]);
    expect(printerReasons(files.a1mini, { ...a1mini, nozzleDiameterMm: null }, request)).toEqual([]);
    const metadata = files.mini.metadata;
    if (!metadata) throw new Error("sample.gcode has no metadata");
    const unknownNozzle: FitFile = { ...files.mini, metadata: { ...metadata, nozzleDiameter: null } };
    expect(printerReasons(unknownNozzle, { ...mini, nozzleDiameterMm: 0.6 }, request)).toEqual([]);
    expect(printerReasons(files.mini, { ...mini, nozzleDiameterMm: 0.6 }, request)[0].code).toBe("nozzle_mismatch");
  });

  it("does not match a printer whose model it does not know", () => {
    expect(printerReasons(files.a1mini, { ...a1mini, model: "unknown" }, request)[0].code).toBe("model_unknown");
  });
});
