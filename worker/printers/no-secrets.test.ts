import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Every log line of this test process, at the most verbose level: set up before the logger loads.
const logLines = vi.hoisted(() => {
  process.env.LOG_LEVEL = "trace";
  const lines: string[] = [];
  const write = (chunk: string | Uint8Array): boolean => {
    lines.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  };
  process.stdout.write = write as typeof process.stdout.write;
  process.stderr.write = write as typeof process.stderr.write;
  return lines;
});

import * as openApiRoute from "@/app/api/openapi.json/route";
import * as commandsRoute from "@/app/api/printers/[id]/commands/route";
import * as printerRoute from "@/app/api/printers/[id]/route";
import * as snapshotRoute from "@/app/api/printers/[id]/snapshot/route";
import * as printersRoute from "@/app/api/printers/route";
import * as testConnectionRoute from "@/app/api/printers/test-connection/route";
import * as alertsRoute from "@/app/api/alerts/route";
import * as jobsRoute from "@/app/api/jobs/route";
import type { RouteHandler } from "@/lib/api/handler";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { rotateKeysCommand } from "@/lib/printers/cli-commands";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { startPrusaLinkSimulator, type PrusaLinkSimulator } from "@/sim/prusalink";
import { CommandRunner } from "@/worker/command-runner";
import { registerPrinterCommands } from "./command-handlers";
import { PrinterSupervisor } from "./supervisor";
import { fastConfig, fastTuning, waitFor } from "@/testing/worker/printers";

/**
 * Printer credentials never leave: not in any API response, not in any log line, not in
 * events, audit entries, commands or status rows, whatever happens (connection tests
 * with wrong credentials, auth failures, key rotation).
 */

const ACCESS_CODE = "Zq8vK2mX";
const PASSWORD = "PwLeak7Qx9Tt";
const WRONG_ACCESS_CODE = "WrongAc3";
const WRONG_PASSWORD = "WrongPw99xYz";
const secrets = [ACCESS_CODE, PASSWORD, WRONG_ACCESS_CODE, WRONG_PASSWORD];

let cleanup: () => Promise<void>;
let bambu: BambuSimulator;
let prusa: PrusaLinkSimulator;
let supervisor: PrinterSupervisor;
let runner: CommandRunner;
let admin: Record<string, string>;
const responses: string[] = [];

async function request(handler: RouteHandler, method: string, path: string, body?: object, params: Record<string, string> = {}) {
  const res = await call(handler, testRequest(method, path, { body, headers: admin }), params);
  const text = Buffer.from(await res.arrayBuffer()).toString("latin1");
  responses.push(`${method} ${path} ${res.status} ${JSON.stringify([...res.headers])} ${text}`);
  return { status: res.status, json: () => JSON.parse(text) as Record<string, unknown> };
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  admin = await browserHeaders(
    await createUser({ email: "a@example.com", name: "Admin", password: "admin password", role: "admin" }, { actor: { type: "system" } }),
  );
  bambu = await startBambuSimulator({
    serial: "03919A000000505",
    accessCode: ACCESS_CODE,
    model: "A1",
    host: "127.0.0.1",
    mqttPort: 0,
    ftpPort: 0,
    cameraPort: 0,
    reportIntervalMs: 200,
  });
  prusa = await startPrusaLinkSimulator({ model: "Core One", host: "127.0.0.1", port: 0, password: PASSWORD });
  supervisor = new PrinterSupervisor({ config: fastConfig, tuning: fastTuning, haltedRetryMs: 60_000 });
  runner = new CommandRunner(50);
  registerPrinterCommands(runner, supervisor, fastTuning);
  await supervisor.start();
  runner.start();
});

afterAll(async () => {
  await runner.stop();
  await supervisor.stop();
  await bambu.close();
  await prusa.close();
  await cleanup();
});

describe("credentials stay secret", () => {
  it("through everything the API and the worker do with printers", async () => {
    const bambuBody = {
      name: "A1",
      kind: "bambu",
      host: "127.0.0.1",
      serial: bambu.serial,
      accessCode: ACCESS_CODE,
      mqttPort: bambu.mqttPort,
      ftpPort: bambu.ftpPort,
      cameraPort: bambu.cameraPort,
      tls: "custom-ca",
      caCert: bambu.caCertPem,
    };
    const prusaBody = { name: "Core One", kind: "prusalink", host: "127.0.0.1", httpPort: prusa.port, password: PASSWORD };
    const bambuId = String((await request(printersRoute.POST, "POST", "/api/printers", bambuBody)).json().id);
    const prusaId = String((await request(printersRoute.POST, "POST", "/api/printers", prusaBody)).json().id);
    await waitFor(async () => (await db.printerStatus.count({ where: { online: true } })) === 2, "both online");

    await request(printersRoute.GET, "GET", "/api/printers");
    for (const id of [bambuId, prusaId]) await request(printerRoute.GET, "GET", `/api/printers/${id}`, undefined, { id });
    await request(testConnectionRoute.POST, "POST", "/api/printers/test-connection", { printerId: bambuId });
    await request(testConnectionRoute.POST, "POST", "/api/printers/test-connection", { ...bambuBody, accessCode: WRONG_ACCESS_CODE });
    await request(testConnectionRoute.POST, "POST", "/api/printers/test-connection", { ...prusaBody, password: WRONG_PASSWORD });
    await request(testConnectionRoute.POST, "POST", "/api/printers/test-connection", prusaBody);
    await request(commandsRoute.POST, "POST", `/api/printers/${bambuId}/commands?wait=1`, { action: "light_on" }, { id: bambuId });
    await request(commandsRoute.POST, "POST", `/api/printers/${prusaId}/commands?wait=1`, { action: "pause" }, { id: prusaId });
    await request(snapshotRoute.GET, "GET", `/api/printers/${bambuId}/snapshot`, undefined, { id: bambuId });

    // A wrong access code on the running printer: auth failure, alert, logs; then the right one again.
    await request(printerRoute.PATCH, "PATCH", `/api/printers/${bambuId}`, { accessCode: WRONG_ACCESS_CODE }, { id: bambuId });
    await waitFor(() => db.alert.findFirst({ where: { printerId: bambuId, type: "connection_error" } }), "auth failure alert");
    await request(printerRoute.PATCH, "PATCH", `/api/printers/${bambuId}`, { accessCode: ACCESS_CODE }, { id: bambuId });
    await request(printerRoute.PATCH, "PATCH", `/api/printers/${prusaId}`, { password: WRONG_PASSWORD }, { id: prusaId });
    await waitFor(() => db.alert.findFirst({ where: { printerId: prusaId, type: "connection_error" } }), "PrusaLink auth failure alert");
    await request(printerRoute.PATCH, "PATCH", `/api/printers/${prusaId}`, { password: PASSWORD }, { id: prusaId });
    await rotateKeysCommand();
    await waitFor(async () => (await db.printerStatus.count({ where: { online: true } })) === 2, "both online again");

    await request(alertsRoute.GET, "GET", "/api/alerts");
    await request(jobsRoute.GET, "GET", "/api/jobs");
    await request(openApiRoute.GET, "GET", "/api/openapi.json");

    const stored = [
      ...(await db.event.findMany()).map((r) => r.payload),
      ...(await db.auditLog.findMany()).map((r) => r.details ?? ""),
      ...(await db.command.findMany()).map((r) => `${r.payload} ${r.result ?? ""} ${r.error ?? ""}`),
      ...(await db.printerStatus.findMany()).map((r) => `${r.data} ${r.raw ?? ""} ${r.lastError ?? ""}`),
      ...(await db.alert.findMany()).map((r) => r.params),
      ...(await db.printer.findMany()).map((r) => r.credentials),
    ];
    const logs = logLines.join("").split("\n");
    expect(logs.length).toBeGreaterThan(30);
    expect(logs.some((line) => line.includes('"reason":"bambu.failure.auth"'))).toBe(true);
    for (const secret of secrets) {
      expect(responses.filter((r) => r.includes(secret)), `responses containing ${secret}`).toEqual([]);
      expect(stored.filter((r) => r.includes(secret)), `stored rows containing ${secret}`).toEqual([]);
      expect(logs.filter((line) => line.includes(secret)), `log lines containing ${secret}`).toEqual([]);
    }
  });
});
