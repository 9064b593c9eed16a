import { describe, expect, it } from "vitest";
import { emptyState, type NormalizedState } from "@/lib/printers/types";
import { closeInferred, decideJob, describesOpenJob, errorCodeOf, INTERRUPTED, type OpenJob } from "./machine";

const now = new Date("2026-11-25T10:00:00Z");

function state(patch: Partial<NormalizedState>): NormalizedState {
  return { ...emptyState(), online: true, state: "idle", ...patch };
}

function printing(patch: Partial<NormalizedState> = {}): NormalizedState {
  return state({ state: "printing", printerJobId: "42", jobName: "Benchy", fileName: "/cache/benchy.gcode.3mf", progress: 10, ...patch });
}

function open(patch: Partial<OpenJob> = {}): OpenJob {
  return {
    id: "job1",
    printerJobId: "42",
    name: "Benchy",
    fileName: "/cache/benchy.gcode.3mf",
    status: "printing",
    progress: 10,
    layer: null,
    totalLayers: null,
    startedAt: new Date("2026-11-25T09:00:00Z"),
    stopRequestedAt: null,
    ...patch,
  };
}

describe("decideJob without an open job", () => {
  it("creates one job when a print starts, dated back by the elapsed time", () => {
    const [action] = decideJob(null, printing({ elapsedSeconds: 120 }), now);
    expect(action).toMatchObject({ kind: "create", printerJobId: "42", name: "Benchy", status: "printing", progress: 10 });
    expect(action.kind === "create" && action.startedAt.toISOString()).toBe("2026-11-25T09:58:00.000Z");
  });

  it("waits for the printer to name the print (early PREPARE, PrusaLink BUSY)", () => {
    expect(decideJob(null, state({ state: "preparing" }), now)).toEqual([]);
  });

  it("does nothing for idle, offline, or a print that ended before we saw it", () => {
    expect(decideJob(null, state({ state: "idle" }), now)).toEqual([]);
    expect(decideJob(null, state({ state: "offline", online: false }), now)).toEqual([]);
    expect(decideJob(null, state({ state: "finished", printerJobId: "7" }), now)).toEqual([]);
  });

  it("names a job after its file when the printer gives no job name", () => {
    const [action] = decideJob(null, printing({ jobName: null, fileName: "/usb/SHAPE-~1.BGC" }), now);
    expect(action).toMatchObject({ name: "SHAPE-~1.BGC" });
  });
});

describe("decideJob with an open job", () => {
  it("keeps progress, layers and pause current", () => {
    expect(decideJob(open(), printing({ progress: 55, layer: 20, totalLayers: 80 }), now)).toEqual([
      expect.objectContaining({ kind: "update", id: "job1", progress: 55, layer: 20, totalLayers: 80, status: "printing" }),
    ]);
    expect(decideJob(open(), printing({ state: "paused" }), now)).toEqual([expect.objectContaining({ kind: "update", status: "paused" })]);
    expect(decideJob(open(), printing(), now)).toEqual([]);
  });

  it("finishes on FINISH, with progress 100", () => {
    expect(decideJob(open({ progress: 99 }), printing({ state: "finished", progress: 100 }), now)).toEqual([
      { kind: "close", id: "job1", status: "finished", errorCode: null, endedAt: now, progress: 100, basis: "printer" },
    ]);
  });

  it("is cancelled when the printer reports a stop, or when we asked for one and it reports a failure", () => {
    expect(decideJob(open(), printing({ state: "cancelled" }), now)[0]).toMatchObject({ status: "cancelled", errorCode: null });
    const stopped = open({ stopRequestedAt: new Date("2026-11-25T09:59:00Z") });
    expect(decideJob(stopped, printing({ state: "failed" }), now)[0]).toMatchObject({ status: "cancelled" });
  });

  it("fails with the printer's most severe error code", () => {
    const failed = printing({
      state: "failed",
      errors: [
        { code: "HMS_0300_0D00_0001_0003", messageKey: null, text: null, severity: "warning" },
        { code: "0x0500C010", messageKey: "bambu.sdCardProblem", text: null, severity: "error" },
      ],
    });
    expect(decideJob(open(), failed, now)[0]).toMatchObject({ kind: "close", status: "failed", errorCode: "0x0500C010" });
    expect(decideJob(open(), printing({ state: "failed", errors: [] }), now)[0]).toMatchObject({ errorCode: "FAILED" });
  });

  it("closes the job as failed when the printer reports an error without a job id (PrusaLink ERROR)", () => {
    const error = state({ state: "error", errors: [{ code: "ERROR", messageKey: "prusalink.error", text: null, severity: "error" }] });
    expect(decideJob(open(), error, now)[0]).toMatchObject({ kind: "close", status: "failed", errorCode: "ERROR" });
  });

  it("treats a terminal state without a job id as the end of the open job (PrusaLink drops the id)", () => {
    expect(decideJob(open(), state({ state: "finished", printerJobId: null }), now)[0]).toMatchObject({ status: "finished" });
  });
});

describe("reconnects, restarts and a printer that was offline", () => {
  it("keeps the job open, untouched, while the printer is offline", () => {
    expect(decideJob(open(), state({ state: "offline", online: false }), now)).toEqual([]);
  });

  it("continues the same job when the printer comes back still printing it", () => {
    expect(decideJob(open({ progress: 10 }), printing({ progress: 30 }), now)).toEqual([
      expect.objectContaining({ kind: "update", id: "job1", progress: 30 }),
    ]);
  });

  it("recognizes a Bambu LAN print whose derived id changed after a worker restart", () => {
    const job = open({ printerJobId: "local-aaaa", progress: 40 });
    const again = printing({ printerJobId: "local-bbbb", progress: 41 });
    expect(describesOpenJob(job, again)).toBe(true);
    expect(decideJob(job, again, now)).toEqual([expect.objectContaining({ kind: "update", id: "job1", printerJobId: "local-bbbb" })]);
    expect(describesOpenJob(job, printing({ printerJobId: "local-bbbb", progress: 3 }))).toBe(false);
  });

  it("ends a Bambu LAN print whose derived id changed because the printer cleared gcode_file at FINISH", () => {
    const job = open({ printerJobId: "local-aaaa", progress: 97 });
    const finished = state({ state: "finished", printerJobId: "local-cccc", jobName: "Benchy", fileName: null, progress: 100 });
    expect(decideJob(job, finished, now)).toEqual([expect.objectContaining({ kind: "close", status: "finished", basis: "printer" })]);
    const other = state({ state: "finished", printerJobId: "local-dddd", jobName: "Cube", fileName: null, progress: 100 });
    expect(decideJob(job, other, now)).toEqual([expect.objectContaining({ kind: "close", basis: "inferred" })]);
  });

  it("closes the old job and creates the new one when the printer comes back with another print", () => {
    const actions = decideJob(open({ progress: 60 }), printing({ printerJobId: "43", jobName: "Cube", progress: 2 }), now);
    expect(actions).toEqual([
      expect.objectContaining({ kind: "close", id: "job1", status: "failed", errorCode: INTERRUPTED, basis: "inferred" }),
      expect.objectContaining({ kind: "create", printerJobId: "43", name: "Cube" }),
    ]);
  });

  it("closes the job when the printer comes back idle: finished at the end, failed otherwise, cancelled when we stopped it", () => {
    expect(decideJob(open({ progress: 100 }), state({ state: "idle" }), now)[0]).toMatchObject({ status: "finished", progress: 100 });
    expect(decideJob(open({ progress: 50 }), state({ state: "idle" }), now)[0]).toMatchObject({ status: "failed", errorCode: INTERRUPTED });
    const stopped = open({ progress: 50, stopRequestedAt: now });
    expect(closeInferred(stopped, now)).toMatchObject({ status: "cancelled", errorCode: null });
  });

  it("closes the open job when the printer shows the end of a different print", () => {
    expect(decideJob(open(), state({ state: "finished", printerJobId: "99" }), now)).toEqual([
      expect.objectContaining({ kind: "close", id: "job1", basis: "inferred" }),
    ]);
  });
});

describe("errorCodeOf", () => {
  it("is null without errors", () => {
    expect(errorCodeOf([])).toBeNull();
  });
});
