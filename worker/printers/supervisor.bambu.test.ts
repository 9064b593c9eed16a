import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as commandsRoute from "@/app/api/printers/[id]/commands/route";
import * as alertsRoute from "@/app/api/alerts/route";
import { saveAlertSettings } from "@/lib/alerts/settings";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { useTempDatabase } from "@/testing/db/temp-database";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { CommandRunner } from "@/worker/command-runner";
import { registerPrinterCommands } from "./command-handlers";
import { PrinterSupervisor } from "./supervisor";
import { addBambuPrinter, fastConfig, fastTuning, waitFor } from "@/testing/worker/printers";

/**
 * The worker against a real Bambu simulator (MQTT over TLS verified with the
 * simulator's CA) and a real SQLite database: state, jobs, alerts and commands end to end.
 */

let cleanup: () => Promise<void>;
let sim: BambuSimulator;
let printerId: string;
let supervisor: PrinterSupervisor;
let runner: CommandRunner;
let operator: Record<string, string>;

async function startWorker(): Promise<void> {
  supervisor = new PrinterSupervisor({ config: fastConfig, tuning: fastTuning });
  runner = new CommandRunner(50);
  registerPrinterCommands(runner, supervisor, fastTuning);
  await supervisor.start();
  runner.start();
}

async function stopWorker(): Promise<void> {
  await runner.stop();
  await supervisor.stop();
}

async function statusIs(state: string) {
  const row = await db.printerStatus.findUnique({ where: { printerId } });
  return row?.online && row.state === state ? row : null;
}

function jobWith(status: string) {
  return () => db.job.findFirst({ where: { printerId, status }, orderBy: { startedAt: "desc" } });
}

function openAlert(type: string) {
  return () => db.alert.findFirst({ where: { printerId, type, resolvedAt: null } });
}

async function command(body: object): Promise<{ status: string; error: string | null }> {
  const res = await call(
    commandsRoute.POST,
    testRequest("POST", `/api/printers/${printerId}/commands?wait=1`, { body, headers: operator }),
    { id: printerId },
  );
  expect(res.status).toBe(202);
  return (await res.json()) as { status: string; error: string | null };
}

async function printFile(): Promise<string> {
  const files = await sim.printFiles();
  const file = files.find((f) => f.endsWith(".gcode.3mf"));
  if (!file) throw new Error("the simulator has no print file");
  return file;
}

async function backToIdle(): Promise<void> {
  if (["RUNNING", "PAUSE", "PREPARE"].includes(sim.state().gcodeState)) sim.stop();
  await waitFor(() => db.job.count({ where: { printerId, status: { in: ["printing", "paused"] } } }).then((n) => n === 0), "no open job");
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  const user = await createUser(
    { email: "op@example.com", name: "Operator", password: "operator password", role: "operator" },
    { actor: { type: "system" } },
  );
  operator = await browserHeaders(user);
  sim = await startBambuSimulator({
    serial: "03919A000000101",
    accessCode: "40213377",
    model: "A1",
    host: "127.0.0.1",
    mqttPort: 0,
    ftpPort: 0,
    cameraPort: 0,
    printSeconds: 30,
    prepareSeconds: 0.2,
    timeScale: 20,
    reportIntervalMs: 150,
  });
  printerId = (await addBambuPrinter(sim, "A1 Werkstatt")).id;
  await saveAlertSettings({ nozzleMaxC: 280, overTargetC: 15, targetSettleSeconds: 0, offlineGraceSeconds: 1 });
  await startWorker();
});

afterAll(async () => {
  await stopWorker();
  await sim.close();
  await cleanup();
});

describe("Bambu printer in the worker", () => {
  it("connects over verified TLS and keeps its live state in PrinterStatus, with printer.state events", async () => {
    const status = await waitFor(() => statusIs("idle"), "printer idle and online");
    expect(JSON.parse(status.data)).toMatchObject({ online: true, state: "idle" });
    await waitFor(() => db.event.count({ where: { type: "printer.state", printerId } }), "printer.state event");
    expect(supervisor.stats().printers).toBe(1);
  });

  it("turns a print started at the printer into one job, finished with its duration and the file's filament", async () => {
    const file = await printFile();
    const metadata = {
      kind: "gcode.3mf",
      plates: [{ index: 1, filamentGrams: 23.4, filaments: [] }],
      printSeconds: 1800,
      filamentGrams: 23.4,
      filamentMeters: null,
      filaments: [],
      layerHeight: null,
      nozzleDiameter: null,
      printerModel: null,
      printerModelId: null,
      slicer: null,
      thumbnails: [],
    };
    await db.printerFile.create({ data: { printerId, path: file, name: file.slice(1), seenAt: new Date(), metadata: JSON.stringify(metadata) } });
    await sim.startPrint(file);
    const job = await waitFor(jobWith("printing"), "job printing");
    expect(job.name).toBeTruthy();
    expect(job.fileName).toMatch(/\.gcode\.3mf$/);
    await waitFor(() => statusIs("printing"), "printing state");
    sim.advance(40);
    const finished = await waitFor(jobWith("finished"), "job finished");
    expect(finished.id).toBe(job.id);
    expect(finished.progress).toBe(100);
    expect(finished.filamentGrams).toBe(23.4);
    expect(finished.endedAt?.getTime()).toBeGreaterThan(finished.startedAt.getTime());
    expect(finished.durationSeconds).toBe(Math.round((finished.endedAt!.getTime() - finished.startedAt.getTime()) / 1000));
    expect(await db.job.count({ where: { printerId } })).toBe(1);
    const types = (await db.event.findMany({ where: { printerId, type: { startsWith: "job." } } })).map((e) => e.type);
    expect(types).toEqual(["job.started", "job.finished"]);
    expect(await db.temperatureSample.count({ where: { printerId } })).toBeGreaterThan(0);
  });

  it("cancels the job when stopped through the API, and records who asked", async () => {
    await sim.startPrint(await printFile());
    const job = await waitFor(jobWith("printing"), "job printing");
    await waitFor(() => statusIs("printing"), "printing state");
    expect(await command({ action: "stop" })).toMatchObject({ status: "succeeded", error: null });
    const cancelled = await waitFor(jobWith("cancelled"), "job cancelled");
    expect(cancelled.id).toBe(job.id);
    expect(cancelled.stopRequestedAt).not.toBeNull();
    expect(await db.auditLog.count({ where: { action: "printer.command", target: printerId } })).toBe(1);
    const finished = await waitFor(
      () => db.event.findFirst({ where: { type: "command.finished", printerId }, orderBy: { id: "desc" } }),
      "command.finished event",
    );
    expect(JSON.parse(finished.payload)).toMatchObject({ status: "succeeded", type: "printer.command" });
  });

  it("refuses to start a print while one runs", async () => {
    await sim.startPrint(await printFile());
    await waitFor(() => statusIs("printing"), "printing state");
    const res = await call(
      commandsRoute.POST,
      testRequest("POST", `/api/printers/${printerId}/commands`, { body: { action: "start", path: await printFile() }, headers: operator }),
      { id: printerId },
    );
    expect(res.status).toBe(409);
    await backToIdle();
  });

  it("raises a filament runout alert and resolves it when the print resumes", async () => {
    await sim.startPrint(await printFile());
    await waitFor(() => statusIs("printing"), "printing state");
    sim.injectRunout();
    const alert = await waitFor(openAlert("filament_runout"), "runout alert");
    expect(alert.severity).toBe("warning");
    expect((await waitFor(jobWith("paused"), "job paused")).status).toBe("paused");
    const listed = await call(alertsRoute.GET, testRequest("GET", "/api/alerts?status=open", { headers: operator }));
    expect(((await listed.json()) as { alerts: { id: string }[] }).alerts.map((a) => a.id)).toContain(alert.id);
    expect(await command({ action: "resume" })).toMatchObject({ status: "succeeded" });
    await waitFor(async () => (await db.alert.findUnique({ where: { id: alert.id } }))?.resolvedAt, "runout resolved");
    expect(await db.alert.count({ where: { printerId, type: "filament_runout" } })).toBe(1);
    await backToIdle();
  });

  it("raises an overheat alert once, however long it lasts", async () => {
    await sim.startPrint(await printFile());
    await waitFor(() => statusIs("printing"), "printing state");
    sim.injectOverheat();
    const alert = await waitFor(openAlert("overheat"), "overheat alert");
    expect(alert.severity).toBe("critical");
    sim.advance(5);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await db.alert.count({ where: { printerId, type: "overheat" } })).toBe(1);
    sim.stop();
    await waitFor(async () => (await db.alert.findUnique({ where: { id: alert.id } }))?.resolvedAt, "overheat resolved", 20_000);
    await backToIdle();
  });

  it("fails the job with the printer's error code and raises print_failed", async () => {
    await sim.startPrint(await printFile());
    await waitFor(jobWith("printing"), "job printing");
    sim.injectFailure();
    const failed = await waitFor(jobWith("failed"), "job failed");
    expect(failed.errorCode).toBe("0x0500C010");
    const alert = await waitFor(openAlert("print_failed"), "print_failed alert");
    expect(JSON.parse(alert.params)).toMatchObject({ code: "0x0500C010" });
  });

  it("continues the same job across a worker restart mid-print, and resolves one that ended while the worker was away", async () => {
    await sim.startPrint(await printFile());
    const job = await waitFor(jobWith("printing"), "job printing");
    // The new print resolves the last one's print_failed alert; the session writes the job
    // first and the alert after it, so wait for it rather than read once.
    await waitFor(async () => (await db.alert.findFirst({ where: { printerId, type: "print_failed", resolvedAt: null } })) === null || null, "print_failed resolved");
    await stopWorker();
    sim.advance(5);
    await startWorker();
    await waitFor(async () => ((await db.job.findUnique({ where: { id: job.id } }))?.progress ?? 0) > job.progress, "progress after restart");
    expect(await db.job.count({ where: { printerId, status: { in: ["printing", "paused"] } } })).toBe(1);

    await stopWorker();
    sim.advance(40);
    expect(sim.state().gcodeState).toBe("FINISH");
    await startWorker();
    const finished = await waitFor(async () => {
      const row = await db.job.findUnique({ where: { id: job.id } });
      return row?.status === "finished" ? row : null;
    }, "job finished after restart");
    expect(finished.progress).toBe(100);
    expect(await db.job.count({ where: { printerId, printerJobId: { not: null } } })).toBe(await db.job.count({ where: { printerId } }));
  });
});
