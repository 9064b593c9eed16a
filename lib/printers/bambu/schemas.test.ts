import { describe, expect, it } from "vitest";
import { printReportSchema, reportEnvelopeSchema } from "./schemas";
import { loadFixtures, repairRedaction, sessionLogPayloads } from "@/testing/printers/bambu/fixtures";

describe("report schemas", () => {
  const fixtures = loadFixtures();

  it("finds every fixture", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(13);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))("accepts %s", (_name, f) => {
    const parsed = reportEnvelopeSchema.safeParse(f.json);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.print ?? parsed.data?.info).toBeDefined();
  });

  it("keeps unknown keys (firmware adds fields all the time)", () => {
    const parsed = reportEnvelopeSchema.parse(fixtures.find((f) => f.name === "x1c-pushall-finish-multiams.json")?.json);
    expect(parsed.print?.["vir_slot"]).toBeDefined();
    expect(parsed.print?.["ipcam"]).toBeDefined();
  });

  it("accepts every payload line of the P1S session log", () => {
    const lines = sessionLogPayloads();
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const repaired = repairRedaction(line);
      const parsed = reportEnvelopeSchema.safeParse(JSON.parse(repaired));
      expect(parsed.success).toBe(true);
    }
  });

  it("the only non-JSON in the session log is the author's bare XXXXXX redaction", () => {
    const broken = sessionLogPayloads().filter((line) => {
      try {
        JSON.parse(line);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatch(/"ip":X+,"mask":X+/);
  });

  it("reads numbers that arrive as strings", () => {
    const parsed = printReportSchema.parse({ mc_percent: "42", nozzle_temper: "215.5", big_fan1_speed: "15", print_error: "50364437" });
    expect(parsed).toMatchObject({ mc_percent: 42, nozzle_temper: 215.5, big_fan1_speed: 15, print_error: 50364437 });
  });

  it("reads ids that arrive as numbers", () => {
    const parsed = printReportSchema.parse({ task_id: 123, sequence_id: 7, ams: { tray_now: 3, ams: [{ id: 0, tray: [{ id: 1 }] }] } });
    expect(parsed.task_id).toBe("123");
    expect(parsed.sequence_id).toBe("7");
    expect(parsed.ams?.tray_now).toBe("3");
    expect(parsed.ams?.ams?.[0].tray?.[0].id).toBe("1");
  });

  it.each([
    ["object where a number belongs", { mc_percent: { value: 3 } }],
    ["non-numeric string for a number", { nozzle_temper: "hot" }],
    ["hms entry without code", { hms: [{ attr: 1 }] }],
    ["ams that is a list", { ams: [1, 2] }],
    ["number as gcode_state", { gcode_state: 4 }],
  ])("rejects %s", (_label, print) => {
    expect(reportEnvelopeSchema.safeParse({ print }).success).toBe(false);
  });

  it("rejects infinite numbers (JSON.parse turns 1e999 into Infinity)", () => {
    expect(reportEnvelopeSchema.safeParse(JSON.parse('{"print":{"bed_temper":1e999}}')).success).toBe(false);
  });
});
