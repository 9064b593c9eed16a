import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as commandsRoute from "@/app/api/printers/[id]/commands/route";
import { saveAlertSettings } from "@/lib/alerts/settings";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { startPrusaLinkSimulator, type PrusaLinkSimulator } from "@/sim/prusalink";
import { CommandRunner } from "@/worker/command-runner";
import { registerPrinterCommands } from "./command-handlers";
import { PrinterSupervisor } from "./supervisor";
import { addPrusaPrinter, fastConfig, fastTuning, waitFor } from "@/testing/worker/printers";

/** The worker against a real PrusaLink simulator (HTTP Digest) and a real SQLite database. */

let cleanup: () => Promise<void>;
let sim: PrusaLinkSimulator;
let printerId: string;
let supervisor: PrinterSupervisor;
let runner: CommandRunner;
let operator: Record<string, string>;

async function statusIs(state: string) {
  const row = await db.printerStatus.findUnique({ where: { printerId } });
  return row?.online && row.state === state ? row : null;
}

function jobWith(status: string) {
  return () => db.job.findFirst({ where: { printerId, status }, orderBy: { startedAt: "desc" } });
}

function sameJob(id: string, status: string) {
  return async () => {
    const row = await db.job.findUnique({ where: { id } });
    return row?.status === status ? row : null;
  };
}

function openAlert(type: string) {
  return () => db.alert.findFirst({ where: { printerId, type, resolvedAt: null } });
}

async function startPrint(): Promise<void> {
  const state = sim.state().state;
  if (state === "FINISHED" || state === "STOPPED" || state === "ERROR") sim.acknowledge();
  const files = await sim.printFiles();
  const file = files.find((f) => /\.(bgcode|gcode|bgc|gco)$/i.test(f));
  if (!file) throw new Error("the simulator has no print file");
  await sim.startPrint(file);
  await waitFor(() => statusIs("printing"), "printing state");
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  const user = await createUser(
    { email: "op@example.com", name: "Operator", password: "operator password", role: "operator" },
    { actor: { type: "system" } },
  );
  operator = await browserHeaders(user);
  sim = await startPrusaLinkSimulator({ model: "Core One", host: "127.0.0.1", port: 0, printSeconds: 4 });
  printerId = (await addPrusaPrinter(sim, "Core One Werkstatt")).id;
  await saveAlertSettings({ nozzleMaxC: 280, overTargetC: 15, targetSettleSeconds: 0 });
  supervisor = new PrinterSupervisor({ config: fastConfig, tuning: fastTuning });
  runner = new CommandRunner(50);
  registerPrinterCommands(runner, supervisor, fastTuning);
  await supervisor.start();
  runner.start();
});

afterAll(async () => {
  await runner.stop();
  await supervisor.stop();
  await sim.close();
  await cleanup();
});

describe("PrusaLink printer in the worker", () => {
  it("polls its state into PrinterStatus", async () => {
    const status = await waitFor(() => statusIs("idle"), "printer idle and online");
    expect(JSON.parse(status.data)).toMatchObject({ online: true, state: "idle" });
  });

  it("turns a print into one job that finishes with its duration", async () => {
    await startPrint();
    const job = await waitFor(jobWith("printing"), "job printing");
    expect(job.printerJobId).toMatch(/^\d+$/);
    const finished = await waitFor(jobWith("finished"), "job finished");
    expect(finished.id).toBe(job.id);
    expect(finished.durationSeconds).toBeGreaterThanOrEqual(2);
    expect(await db.job.count({ where: { printerId } })).toBe(1);
  });

  it("cancels the job when stopped through the API", async () => {
    await startPrint();
    const job = await waitFor(jobWith("printing"), "job printing");
    const res = await call(
      commandsRoute.POST,
      testRequest("POST", `/api/printers/${printerId}/commands?wait=1`, { body: { action: "stop" }, headers: operator }),
      { id: printerId },
    );
    expect(await res.json()).toMatchObject({ status: "succeeded", error: null });
    const cancelled = await waitFor(jobWith("cancelled"), "job cancelled");
    expect(cancelled.id).toBe(job.id);
  });

  it("answers a command the printer cannot carry out with the precise failure", async () => {
    const res = await call(
      commandsRoute.POST,
      testRequest("POST", `/api/printers/${printerId}/commands?wait=1`, { body: { action: "light_on" }, headers: operator }),
      { id: printerId },
    );
    expect(await res.json()).toMatchObject({ status: "failed", error: "prusalink.unsupportedCommand" });
  });

  it("raises an attention alert on a filament runout and resolves it when printing resumes", async () => {
    await startPrint();
    const job = await waitFor(jobWith("printing"), "job printing");
    sim.injectRunout();
    await waitFor(openAlert("attention"), "attention alert");
    await waitFor(sameJob(job.id, "paused"), "job paused");
    sim.resume();
    await waitFor(async () => (await openAlert("attention")()) === null, "attention resolved");
    await waitFor(sameJob(job.id, "finished"), "job finished");
  });

  it("raises an overheat alert", async () => {
    await startPrint();
    sim.injectOverheat();
    const alert = await waitFor(openAlert("overheat"), "overheat alert");
    expect(JSON.parse(alert.params)).toMatchObject({ heater: "nozzle" });
    sim.stop();
    sim.acknowledge();
    await waitFor(async () => (await db.alert.findUnique({ where: { id: alert.id } }))?.resolvedAt, "overheat resolved", 20_000);
  });

  it("fails the job when the printer reports an error, and raises print_failed", async () => {
    await startPrint();
    const job = await waitFor(jobWith("printing"), "job printing");
    sim.injectError();
    const failed = await waitFor(sameJob(job.id, "failed"), "job failed");
    expect(failed.errorCode).toBe("ERROR");
    await waitFor(openAlert("print_failed"), "print_failed alert");
  });
});
