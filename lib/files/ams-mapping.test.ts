import { describe, expect, it } from "vitest";
import type { FilamentSlot } from "@/lib/printers/types";
import { mappingArray, suggestMapping, trayIndexOf, trayName } from "./ams-mapping";
import { canPrint } from "./printable";

const slot = (id: string, type: string | null, color: string | null): FilamentSlot => ({ id, type, color, remainingPercent: null, active: false });

describe("trayIndexOf", () => {
  it("counts standard AMS trays unit*4 + tray, AMS HT by unit id, the external spool as -1", () => {
    expect(trayIndexOf("ams0-tray0")).toBe(0);
    expect(trayIndexOf("ams1-tray2")).toBe(6);
    expect(trayIndexOf("ams128-tray0")).toBe(128);
    expect(trayIndexOf("ext")).toBe(-1);
    expect(trayIndexOf("tool0")).toBeNull();
  });
});

describe("trayName", () => {
  it("names trays as the printer does", () => {
    expect(trayName("ams0-tray2")).toBe("A3");
    expect(trayName("ams1-tray0")).toBe("B1");
    expect(trayName("ams129-tray0")).toBe("HT-B");
    expect(trayName("ext")).toBeNull();
  });
});

describe("suggestMapping", () => {
  const trays = [slot("ams0-tray0", "PLA", "#FFFFFF"), slot("ams0-tray1", "PETG", "#000000"), slot("ams0-tray2", "PLA", "#FF0000"), slot("ext", "PLA", "#FF0000")];

  it("prefers the same type and colour, then the same type, else the external spool", () => {
    expect(suggestMapping([{ type: "PLA", color: "#ff0000" }], trays)).toEqual([2]);
    expect(suggestMapping([{ type: "PETG", color: "#00FF00" }], trays)).toEqual([1]);
    expect(suggestMapping([{ type: "TPU", color: "#FF0000" }], trays)).toEqual([-1]);
    expect(suggestMapping([{ type: "PLA", color: null }], [])).toEqual([-1]);
  });
});

describe("mappingArray", () => {
  it("indexes by project slot and leaves the slots the plate does not use at -1", () => {
    expect(mappingArray([{ slot: 3, tray: 1 }, { slot: 1, tray: 0 }])).toEqual([0, -1, 1]);
    expect(mappingArray([])).toEqual([]);
  });
});

describe("canPrint", () => {
  it("Bambu prints 3MF projects, PrusaLink G-code; nothing prints other files or unknown kinds", () => {
    expect(canPrint("bambu", "gcode.3mf")).toBe(true);
    expect(canPrint("bambu", "3mf")).toBe(true);
    expect(canPrint("bambu", "gcode")).toBe(false);
    expect(canPrint("prusalink", "bgcode")).toBe(true);
    expect(canPrint("prusalink", "gcode")).toBe(true);
    expect(canPrint("prusalink", "gcode.3mf")).toBe(false);
    expect(canPrint("prusalink", "other")).toBe(false);
    expect(canPrint("octoprint", "gcode")).toBe(false);
  });
});
