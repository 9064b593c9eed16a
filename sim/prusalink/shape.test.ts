import { describe, expect, it } from "vitest";
import { shapeDifferences } from "./shape";

describe("shapeDifferences", () => {
  it("reports missing and extra keys and type changes, recursively", () => {
    const captured = { printer: { state: "IDLE", temp_bed: 20.1, axis_x: 241 }, storage: { path: "/usb/" } };
    const actual = { printer: { state: "IDLE", temp_bed: "20.1", fan: 0 }, storage: { path: "/usb/" } };
    expect(shapeDifferences(captured, actual)).toEqual([
      "$.printer.temp_bed: expected number, got string",
      "$.printer.axis_x: missing",
      "$.printer.fan: not in capture",
    ]);
  });

  it("treats a captured null as 'may be anything'", () => {
    expect(shapeDifferences({ refs: { download: null } }, { refs: { download: "/x" } })).toEqual([]);
    expect(shapeDifferences({ refs: { download: "/x" } }, { refs: { download: null } })).toHaveLength(1);
  });

  it("needs every captured element shape produced, and nothing else", () => {
    const folder = { type: "FOLDER", name: "A" };
    const file = { type: "PRINT_FILE", name: "B", refs: { download: "/b" } };
    expect(shapeDifferences({ children: [folder, file] }, { children: [file, folder, file] })).toEqual([]);
    expect(shapeDifferences({ children: [folder, file] }, { children: [file] })).toHaveLength(1);
    expect(shapeDifferences({ children: [folder] }, { children: [folder, file] })).toHaveLength(1);
    expect(shapeDifferences({ children: [] }, { children: [folder, file] })).toEqual([]);
    expect(shapeDifferences({ children: [folder] }, { children: [] })).toHaveLength(1);
  });
});
