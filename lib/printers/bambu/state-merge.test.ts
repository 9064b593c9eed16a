import { describe, expect, it } from "vitest";
import { printReportSchema } from "./schemas";
import { classifyPrintReport, isJsonObject, mergeReport, type JsonObject } from "./state-merge";
import { fixture } from "@/testing/printers/bambu/fixtures";

function printOf(name: string): JsonObject {
  const json = fixture(name).json;
  if (!isJsonObject(json) || !isJsonObject(json.print)) throw new Error(`${name} has no print member`);
  return json.print;
}

describe("state merge", () => {
  const full = printOf("p1s-pushall-finish.json");

  it("applies p1s-delta-1 and -2 onto the P1S snapshot: changed keys only", () => {
    const afterOne = mergeReport(full, printOf("p1s-delta-1.json"), "delta");
    const afterTwo = mergeReport(afterOne, printOf("p1s-delta-2.json"), "delta");
    expect(afterOne.bed_temper).toBe(11.96875);
    expect(afterTwo.bed_temper).toBe(12);
    expect(afterTwo.wifi_signal).toBe("-68dBm");
    expect(afterTwo.sequence_id).toBe("40942");
    expect(afterTwo.gcode_state).toBe("FINISH");
    expect(afterTwo.ams).toEqual(full.ams);
    expect(afterTwo.layer_num).toBe(260);
    expect(Object.keys(afterTwo).sort()).toEqual(Object.keys(full).sort());
  });

  it("does not mutate the cached state or the delta", () => {
    const before = structuredClone(full);
    const delta = printOf("p1s-delta-1.json");
    const deltaBefore = structuredClone(delta);
    mergeReport(full, delta, "delta");
    expect(full).toEqual(before);
    expect(delta).toEqual(deltaBefore);
  });

  it("a snapshot replaces everything, including AMS trays", () => {
    const replaced = mergeReport(full, { gcode_state: "IDLE", msg: 0 }, "snapshot");
    expect(replaced).toEqual({ gcode_state: "IDLE", msg: 0 });
  });

  it("nested objects merge key by key", () => {
    const merged = mergeReport(full, { ams: { tray_now: "2" }, upgrade_state: { progress: "5" } }, "delta");
    expect(merged.ams).toMatchObject({ tray_now: "2", tray_tar: "255" });
    expect(isJsonObject(merged.ams) && Array.isArray(merged.ams.ams) && merged.ams.ams).toHaveLength(1);
    expect(merged.upgrade_state).toMatchObject({ progress: "5", status: "IDLE" });
  });

  it("AMS trays in a delta update by id and never drop the others", () => {
    const merged = mergeReport(full, { ams: { ams: [{ id: "0", tray: [{ id: "2", remain: 42 }] }] } }, "delta");
    const parsed = printReportSchema.parse(merged);
    const trays = parsed.ams?.ams?.[0].tray ?? [];
    expect(trays).toHaveLength(4);
    expect(trays.map((tray) => tray.remain)).toEqual([83, 100, 42, 100]);
    expect(trays[2].tray_type).toBe("PLA");
  });

  it("a new AMS unit in a delta is added", () => {
    const merged = mergeReport(full, { ams: { ams: [{ id: "1", tray: [{ id: "0", tray_type: "PETG" }] }] } }, "delta");
    expect(printReportSchema.parse(merged).ams?.ams?.map((unit) => unit.id)).toEqual(["0", "1"]);
  });

  it("other arrays are values and replace", () => {
    const merged = mergeReport(full, { hms: [{ attr: 1, code: 2 }] }, "delta");
    expect(merged.hms).toEqual([{ attr: 1, code: 2 }]);
  });

  it("the first delta without a snapshot starts the cache", () => {
    expect(mergeReport(null, { bed_temper: 12 }, "delta")).toEqual({ bed_temper: 12 });
  });
});

describe("report classification", () => {
  it.each([
    [{ command: "push_status", msg: 0 }, "snapshot"],
    [{ command: "push_status", msg: 1 }, "delta"],
    [{ command: "push_status" }, "delta"],
    [{ gcode_state: "RUNNING" }, "delta"],
    [{ command: "pause", sequence_id: "5", result: "success", reason: "" }, "ack"],
    [{ command: "project_file", sequence_id: "6", param: "Metadata/plate_1.gcode" }, "ack"],
    [{ command: "push_status", msg: 1, result: "fail" }, "ack"],
  ])("%j is a %s", (print, kind) => {
    expect(classifyPrintReport(printReportSchema.parse(print))).toBe(kind);
  });
});
