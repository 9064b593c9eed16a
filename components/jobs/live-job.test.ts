import { describe, expect, it } from "vitest";
import type { JobView } from "@/lib/jobs/schemas";
import type { PrinterView } from "@/lib/printers/schemas";
import { emptyState, type NormalizedState } from "@/lib/printers/types";
import { withLiveJob } from "./live-job";

const at = "2026-11-25T10:00:00.000Z";

function job(id: string, status: JobView["status"], printerJobId: string | null): JobView {
  return {
    id,
    printerId: "p1",
    printerName: "MK4",
    printerJobId,
    name: id,
    fileName: null,
    status,
    progress: 20,
    layer: 5,
    totalLayers: 100,
    startedAt: at,
    endedAt: null,
    durationSeconds: null,
    filamentGrams: null,
    errorCode: null,
    stopRequestedAt: null,
    businessUse: true,
  customer: null,
  orderReference: null,
  queueItemId: null,
    updatedAt: at,
  };
}

function printer(state: Partial<NormalizedState>): PrinterView {
  const data = { ...emptyState(), online: true, ...state };
  return {
    id: "p1",
    name: "MK4",
    kind: "prusalink",
    host: "127.0.0.1",
    model: "MK4",
    serial: null,
    mqttPort: null,
    ftpPort: null,
    cameraPort: null,
    httpPort: 80,
    tls: null,
    hasCaCert: false,
    location: null,
    enabled: true,
    createdAt: at,
    updatedAt: at,
    bed: { state: "clear", since: null, reason: null, autoStart: false },
    live: { online: true, state: data.state, data, lastMessageAt: at, lastError: null, reconnects: 0, updatedAt: at },
  };
}

describe("the running job on a printer's page", () => {
  const jobs = [job("running", "printing", "42"), job("done", "finished", "41")];

  it("takes progress, layers and a pause from the live state", () => {
    const live = withLiveJob(jobs, printer({ state: "paused", progress: 63.5, layer: 40, totalLayers: 100, printerJobId: "42" }));
    expect(live[0]).toMatchObject({ id: "running", status: "paused", progress: 63.5, layer: 40 });
    expect(live[1]).toBe(jobs[1]);
  });

  it("leaves the rows alone when the printer prints another job or none", () => {
    expect(withLiveJob(jobs, printer({ state: "printing", progress: 5, printerJobId: "43" }))).toEqual(jobs);
    expect(withLiveJob(jobs, printer({ state: "idle" }))).toBe(jobs);
    expect(withLiveJob(jobs, undefined)).toBe(jobs);
  });
});
