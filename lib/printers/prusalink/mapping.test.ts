import { describe, expect, it } from "vitest";
import { normalizedStateSchema } from "@/lib/printers/types";
import { mapLegacy, mapV1, normalizeProgress, printerStateTable } from "./mapping";
import { infoSchema, jobSchema, legacyJobSchema, legacyPrinterSchema, statusSchema, versionSchema, type Status } from "./schemas";
import { fixture } from "@/testing/printers/prusalink/fixtures";

const status = (name: string) => statusSchema.parse(fixture(name));
const job = (name: string) => jobSchema.parse(fixture(name));
const buddyVersion = versionSchema.parse(fixture("buddy-version.json"));
const piVersion = versionSchema.parse(fixture("pi-version.json"));
const buddyInfo = infoSchema.parse(fixture("buddy-v1-info.json"));

function withPrinter(base: Status, printer: Partial<Status["printer"]>, jobPart?: Status["job"]): Status {
  return { ...base, printer: { ...base.printer, ...printer }, job: jobPart === undefined ? base.job : jobPart };
}

describe("v1 status + job → NormalizedState", () => {
  it("buddy-v1-status.json: idle MK3.9", () => {
    const s = mapV1({ status: status("buddy-v1-status.json"), job: null, info: buddyInfo, version: buddyVersion });
    expect(s).toMatchInlineSnapshot(`
      {
        "bed": {
          "current": 20.2,
          "target": 0,
        },
        "chamber": {
          "current": null,
          "target": null,
        },
        "developerModeRequired": false,
        "elapsedSeconds": null,
        "errors": [],
        "filament": [
          {
            "active": true,
            "color": null,
            "id": "tool0",
            "remainingPercent": null,
            "type": null,
          },
        ],
        "fileName": null,
        "firmware": null,
        "jobName": null,
        "layer": null,
        "lightOn": null,
        "nozzle": {
          "current": 22,
          "target": 0,
        },
        "nozzleDiameterMm": 0.4,
        "online": true,
        "printerJobId": null,
        "progress": null,
        "remainingSeconds": null,
        "state": "idle",
        "totalLayers": null,
      }
    `);
  });

  it("coreone-v1-status-printing.json: Core One printing job 929", () => {
    const s = mapV1({ status: status("coreone-v1-status-printing.json"), job: null, info: null, version: buddyVersion });
    expect(s).toMatchInlineSnapshot(`
      {
        "bed": {
          "current": 85.1,
          "target": 85,
        },
        "chamber": {
          "current": null,
          "target": null,
        },
        "developerModeRequired": false,
        "elapsedSeconds": 1554,
        "errors": [],
        "filament": [
          {
            "active": true,
            "color": null,
            "id": "tool0",
            "remainingPercent": null,
            "type": null,
          },
        ],
        "fileName": null,
        "firmware": null,
        "jobName": null,
        "layer": null,
        "lightOn": null,
        "nozzle": {
          "current": 245,
          "target": 245,
        },
        "nozzleDiameterMm": 0.4,
        "online": true,
        "printerJobId": "929",
        "progress": 77,
        "remainingSeconds": 300,
        "state": "printing",
        "totalLayers": null,
      }
    `);
    expect(s.state).toBe("printing");
    expect(s.printerJobId).toBe("929");
    expect(s.progress).toBe(77);
    expect(s.elapsedSeconds).toBe(1554);
    expect(s.remainingSeconds).toBe(300);
    expect(s.nozzle).toEqual({ current: 245, target: 245 });
    expect(s.bed).toEqual({ current: 85.1, target: 85 });
  });

  it("buddy-v1-status-printing-issue1001.json: printing job 14", () => {
    const s = mapV1({ status: status("buddy-v1-status-printing-issue1001.json"), job: null, info: null, version: null });
    expect(s).toMatchInlineSnapshot(`
      {
        "bed": {
          "current": 60,
          "target": 60,
        },
        "chamber": {
          "current": null,
          "target": null,
        },
        "developerModeRequired": false,
        "elapsedSeconds": 8546,
        "errors": [],
        "filament": [
          {
            "active": true,
            "color": null,
            "id": "tool0",
            "remainingPercent": null,
            "type": null,
          },
        ],
        "fileName": null,
        "firmware": null,
        "jobName": null,
        "layer": null,
        "lightOn": null,
        "nozzle": {
          "current": 225,
          "target": 225,
        },
        "nozzleDiameterMm": null,
        "online": true,
        "printerJobId": "14",
        "progress": 67,
        "remainingSeconds": 3960,
        "state": "printing",
        "totalLayers": null,
      }
    `);
  });

  it("ha-buddy status + job printing: names from the job", () => {
    const s = mapV1({
      status: status("ha-buddy-v1-status-printing.json"),
      job: job("ha-buddy-v1-job-printing.json"),
      info: infoSchema.parse(fixture("ha-buddy-v1-info-xl.json")),
      version: buddyVersion,
    });
    expect(s).toMatchInlineSnapshot(`
      {
        "bed": {
          "current": 53.9,
          "target": 85,
        },
        "chamber": {
          "current": null,
          "target": null,
        },
        "developerModeRequired": false,
        "elapsedSeconds": 43987,
        "errors": [],
        "filament": [
          {
            "active": true,
            "color": null,
            "id": "tool0",
            "remainingPercent": null,
            "type": null,
          },
        ],
        "fileName": "/usb/TabletStand3~4.BGC",
        "firmware": null,
        "jobName": "TabletStand3.bgcode",
        "layer": null,
        "lightOn": null,
        "nozzle": {
          "current": 6,
          "target": 0,
        },
        "nozzleDiameterMm": 0.4,
        "online": true,
        "printerJobId": "129",
        "progress": 37,
        "remainingSeconds": 73020,
        "state": "printing",
        "totalLayers": null,
      }
    `);
    expect(s.jobName).toBe("TabletStand3.bgcode");
    expect(s.fileName).toBe("/usb/TabletStand3~4.BGC");
  });

  it("ha-buddy-v1-status-idle.json and link-sync-v1-status-idle.json: idle with targets", () => {
    const ha = mapV1({ status: status("ha-buddy-v1-status-idle.json"), job: null, info: null, version: null });
    const ls = mapV1({ status: status("link-sync-v1-status-idle.json"), job: null, info: null, version: null });
    expect(ha).toMatchInlineSnapshot(`
      {
        "bed": {
          "current": 41.9,
          "target": 60.5,
        },
        "chamber": {
          "current": null,
          "target": null,
        },
        "developerModeRequired": false,
        "elapsedSeconds": null,
        "errors": [],
        "filament": [
          {
            "active": true,
            "color": null,
            "id": "tool0",
            "remainingPercent": null,
            "type": null,
          },
        ],
        "fileName": null,
        "firmware": null,
        "jobName": null,
        "layer": null,
        "lightOn": null,
        "nozzle": {
          "current": 47.8,
          "target": 210.1,
        },
        "nozzleDiameterMm": null,
        "online": true,
        "printerJobId": null,
        "progress": null,
        "remainingSeconds": null,
        "state": "idle",
        "totalLayers": null,
      }
    `);
    expect(ls.state).toBe("idle");
    expect(ls.nozzle).toEqual({ current: 26.5, target: 0 });
  });

  it("buddy-v1-job.json: a Buddy job joins folder and short name", () => {
    const base = status("coreone-v1-status-printing.json");
    const s = mapV1({
      status: withPrinter(base, {}, { id: 109, progress: 0, time_remaining: 20100, time_printing: 227 }),
      job: job("buddy-v1-job.json"),
      info: null,
      version: null,
    });
    expect(s.jobName).toBe("multiple_grots_0.4n_0.15mm_PLA,PLA,PLA,PLA_XLIS_5h36m.bgcode");
    expect(s.fileName).toBe("/usb/MULTIP~1.BGC");
    expect(s.printerJobId).toBe("109");
  });

  it("pi-v1-status.json + pi-v1-job.json: Pi storage paths, times from the job, material from metadata", () => {
    const s = mapV1({ status: status("pi-v1-status.json"), job: job("pi-v1-job.json"), info: null, version: piVersion });
    expect(s).toMatchInlineSnapshot(`
      {
        "bed": {
          "current": 60,
          "target": 60,
        },
        "chamber": {
          "current": null,
          "target": null,
        },
        "developerModeRequired": false,
        "elapsedSeconds": 0,
        "errors": [],
        "filament": [
          {
            "active": true,
            "color": null,
            "id": "tool0",
            "remainingPercent": null,
            "type": "PLA",
          },
        ],
        "fileName": "/sdcard/fosdem_0.2mm_PLA,PLA_MK3SMMU3_7h16m.gcode",
        "firmware": "3.13.1-6876",
        "jobName": "fosdem_0.2mm_PLA,PLA_MK3SMMU3_7h16m.gcode",
        "layer": null,
        "lightOn": null,
        "nozzle": {
          "current": 215.1,
          "target": 215,
        },
        "nozzleDiameterMm": null,
        "online": true,
        "printerJobId": "113",
        "progress": 0,
        "remainingSeconds": 26040,
        "state": "printing",
        "totalLayers": null,
      }
    `);
    // The Pi names the storage by its display name; the listing uses the storage path.
    expect(s.fileName).toBe("/sdcard/fosdem_0.2mm_PLA,PLA_MK3SMMU3_7h16m.gcode");
    expect(s.elapsedSeconds).toBe(0);
    expect(s.firmware).toBe("3.13.1-6876");
    expect(s.filament).toEqual([{ id: "tool0", type: "PLA", color: null, remainingPercent: null, active: true }]);
  });

  it("nozzle diameter from info, else from version; implausible values unknown", () => {
    const base = status("buddy-v1-status.json");
    expect(mapV1({ status: base, job: null, info: { ...buddyInfo, nozzle_diameter: 0.6 }, version: buddyVersion }).nozzleDiameterMm).toBe(0.6);
    expect(mapV1({ status: base, job: null, info: null, version: buddyVersion }).nozzleDiameterMm).toBe(0.4);
    expect(mapV1({ status: base, job: null, info: { ...buddyInfo, nozzle_diameter: 0 }, version: null }).nozzleDiameterMm).toBeNull();
    expect(mapV1({ status: base, job: null, info: { ...buddyInfo, nozzle_diameter: Number.NaN }, version: null }).nozzleDiameterMm).toBeNull();
    expect(mapV1({ status: base, job: null, info: null, version: null }).nozzleDiameterMm).toBeNull();
  });

  it("ignores job details that belong to another job id", () => {
    const s = mapV1({ status: status("coreone-v1-status-printing.json"), job: job("buddy-v1-job.json"), info: null, version: null });
    expect(s.printerJobId).toBe("929");
    expect(s.jobName).toBeNull();
    expect(s.fileName).toBeNull();
  });

  it("guards the MK4 100x progress bug", () => {
    const base = status("coreone-v1-status-printing.json");
    const s = mapV1({ status: withPrinter(base, {}, { id: 1, progress: 6700 }), job: null, info: null, version: null });
    expect(s.progress).toBe(67);
    expect(normalizeProgress(100)).toBe(100);
    expect(normalizeProgress(0)).toBe(0);
    expect(normalizeProgress(42.5)).toBe(42.5);
    expect(normalizeProgress(-1)).toBeNull();
    expect(normalizeProgress(null)).toBeNull();
    expect(normalizeProgress(1_000_000)).toBe(100);
  });

  it("ATTENTION is paused with an attention error", () => {
    const base = status("coreone-v1-status-printing.json");
    const s = mapV1({ status: withPrinter(base, { state: "ATTENTION" }), job: null, info: null, version: null });
    expect(s.state).toBe("paused");
    expect(s.errors).toEqual([{ code: "ATTENTION", messageKey: "prusalink.attention", text: null, severity: "warning" }]);
  });

  it("maps every printer state through the table", () => {
    const base = status("coreone-v1-status-printing.json");
    const mapped = Object.fromEntries(
      ["IDLE", "READY", "BUSY", "PRINTING", "PAUSED", "FINISHED", "STOPPED", "ATTENTION", "ERROR", "UNKNOWN", "SOMETHING_NEW"].map((name) => {
        const s = mapV1({ status: withPrinter(base, { state: name }), job: null, info: null, version: null });
        return [name, [s.state, s.errors.map((e) => `${e.code}:${e.messageKey}`).join(",")]];
      }),
    );
    expect(mapped).toEqual({
      IDLE: ["idle", ""],
      READY: ["idle", ""],
      BUSY: ["preparing", ""],
      PRINTING: ["printing", ""],
      PAUSED: ["paused", ""],
      FINISHED: ["finished", ""],
      STOPPED: ["cancelled", ""],
      ATTENTION: ["paused", "ATTENTION:prusalink.attention"],
      ERROR: ["error", "ERROR:prusalink.error"],
      UNKNOWN: ["error", "UNKNOWN:prusalink.unknownState"],
      SOMETHING_NEW: ["error", "SOMETHING_NEW:prusalink.unknownState"],
    });
    expect(Object.keys(printerStateTable)).toHaveLength(10);
  });

  it("carries the Pi's printer message on an error", () => {
    const base = status("pi-v1-status.json");
    const s = mapV1({
      status: withPrinter(base, { state: "ERROR", status_printer: { ok: false, message: "Thermal runaway" } }),
      job: null,
      info: null,
      version: null,
    });
    expect(s.errors).toEqual([{ code: "ERROR", messageKey: "prusalink.error", text: "Thermal runaway", severity: "error" }]);
  });
});

describe("legacy printer + job → NormalizedState", () => {
  it("buddy-printer.json + buddy-job.json", () => {
    const s = mapLegacy({
      printer: legacyPrinterSchema.parse(fixture("buddy-printer.json")),
      job: legacyJobSchema.parse(fixture("buddy-job.json")),
      version: buddyVersion,
    });
    expect(s).toMatchInlineSnapshot(`
      {
        "bed": {
          "current": 20.1,
          "target": 0,
        },
        "chamber": {
          "current": null,
          "target": null,
        },
        "developerModeRequired": false,
        "elapsedSeconds": 254,
        "errors": [],
        "filament": [
          {
            "active": true,
            "color": null,
            "id": "tool0",
            "remainingPercent": null,
            "type": "FLEX",
          },
        ],
        "fileName": "/usb/MULTIP~1.BGC",
        "firmware": null,
        "jobName": "multiple_grots_0.4n_0.15mm_PLA,PLA,PLA,PLA_XLIS_5h36m.bgcode",
        "layer": null,
        "lightOn": null,
        "nozzle": {
          "current": 22,
          "target": 0,
        },
        "nozzleDiameterMm": 0.4,
        "online": true,
        "printerJobId": null,
        "progress": 0,
        "remainingSeconds": 20100,
        "state": "idle",
        "totalLayers": null,
      }
    `);
  });

  it("pi-printer.json + pi-job.json", () => {
    const s = mapLegacy({
      printer: legacyPrinterSchema.parse(fixture("pi-printer.json")),
      job: legacyJobSchema.parse(fixture("pi-job.json")),
      version: piVersion,
    });
    expect(s).toMatchInlineSnapshot(`
      {
        "bed": {
          "current": 61.7,
          "target": 60,
        },
        "chamber": {
          "current": null,
          "target": null,
        },
        "developerModeRequired": false,
        "elapsedSeconds": 0,
        "errors": [],
        "filament": [
          {
            "active": true,
            "color": null,
            "id": "tool0",
            "remainingPercent": null,
            "type": null,
          },
        ],
        "fileName": "/SD Card/fosdem_0.2mm_PLA,PLA_MK3SMMU3_7h16m.gcode",
        "firmware": "3.13.1-6876",
        "jobName": "fosdem_0.2mm_PLA,PLA_MK3SMMU3_7h16m.gcode",
        "layer": null,
        "lightOn": null,
        "nozzle": {
          "current": 214.6,
          "target": 215,
        },
        "nozzleDiameterMm": null,
        "online": true,
        "printerJobId": null,
        "progress": 0,
        "remainingSeconds": 26160,
        "state": "printing",
        "totalLayers": null,
      }
    `);
    expect(s.state).toBe("printing");
    expect(s.printerJobId).toBeNull();
  });
});

describe("output contract", () => {
  it("every mapped state satisfies normalizedStateSchema", () => {
    const s = mapV1({ status: status("pi-v1-status.json"), job: job("pi-v1-job.json"), info: null, version: null });
    expect(normalizedStateSchema.safeParse(s).success).toBe(true);
  });
});
