import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as commandsRoute from "@/app/api/printers/[id]/commands/route";
import * as snapshotRoute from "@/app/api/printers/[id]/snapshot/route";
import * as testConnectionRoute from "@/app/api/printers/test-connection/route";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { testConnectionResponseSchema } from "@/lib/printers/schemas";
import { startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import { startPrusaLinkSimulator, type PrusaLinkSimulator } from "@/sim/prusalink";
import { CommandRunner } from "@/worker/command-runner";
import { registerPrinterCommands } from "./command-handlers";
import { PrinterSupervisor } from "./supervisor";
import { addBambuPrinter, addPrusaPrinter, fastConfig, fastTuning, waitFor } from "@/testing/worker/printers";

/** Commands from the web to the worker: connection tests, camera snapshots, refused commands. */

let cleanup: () => Promise<void>;
let bambu: BambuSimulator;
let prusa: PrusaLinkSimulator;
let bambuId: string;
let prusaId: string;
let supervisor: PrinterSupervisor;
let runner: CommandRunner;
let admin: Record<string, string>;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

async function testConnection(body: object) {
  const res = await call(testConnectionRoute.POST, testRequest("POST", "/api/printers/test-connection", { body, headers: admin }));
  expect(res.status).toBe(200);
  return testConnectionResponseSchema.parse(await res.json());
}

function bambuForm(patch: object = {}) {
  return {
    kind: "bambu",
    host: "127.0.0.1",
    serial: bambu.serial,
    accessCode: bambu.accessCode,
    mqttPort: bambu.mqttPort,
    tls: "custom-ca",
    caCert: bambu.caCertPem,
    ...patch,
  };
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  admin = await browserHeaders(
    await createUser({ email: "a@example.com", name: "Admin", password: "admin password", role: "admin" }, { actor: { type: "system" } }),
  );
  bambu = await startBambuSimulator({
    serial: "03919A000000202",
    accessCode: "77013355",
    model: "A1",
    host: "127.0.0.1",
    mqttPort: 0,
    ftpPort: 0,
    cameraPort: 0,
    reportIntervalMs: 200,
    cameraFrameIntervalMs: 100,
  });
  prusa = await startPrusaLinkSimulator({ model: "MK4", host: "127.0.0.1", port: 0 });
  bambuId = (await addBambuPrinter(bambu, "A1")).id;
  prusaId = (await addPrusaPrinter(prusa, "MK4")).id;
  supervisor = new PrinterSupervisor({ config: fastConfig, tuning: fastTuning });
  runner = new CommandRunner(50);
  registerPrinterCommands(runner, supervisor, fastTuning);
  await supervisor.start();
  runner.start();
  await waitFor(async () => (await db.printerStatus.count({ where: { online: true } })) === 2, "both printers online");
});

afterAll(async () => {
  await runner.stop();
  await supervisor.stop();
  await bambu.close();
  await prusa.close();
  await cleanup();
});

describe("test connection", () => {
  it("passes for a saved printer and for the correct unsaved form", async () => {
    expect(await testConnection({ printerId: bambuId })).toMatchObject({ status: "succeeded", result: { ok: true, model: "A1" } });
    expect(await testConnection(bambuForm())).toMatchObject({ result: { ok: true } });
    expect(await testConnection({ printerId: prusaId })).toMatchObject({ result: { ok: true } });
  });

  it("names the stage that failed", async () => {
    expect((await testConnection(bambuForm({ accessCode: "00000000" }))).result).toMatchObject({ ok: false, stage: "auth", message: "bambu.failure.auth" });
    expect((await testConnection(bambuForm({ mqttPort: await closedPort() }))).result).toMatchObject({ ok: false, stage: "tcp" });
    expect((await testConnection(bambuForm({ tls: "verify", caCert: undefined }))).result).toMatchObject({ ok: false, stage: "tls" });
    const wrongPassword = await testConnection({ kind: "prusalink", host: "127.0.0.1", httpPort: prusa.port, password: "not-the-password" });
    expect(wrongPassword.result).toMatchObject({ ok: false, stage: "auth", message: "prusalink.auth" });
  });

  it("lays form fields over a saved printer, so an edit can be tested before it is saved", async () => {
    expect((await testConnection({ ...bambuForm({ accessCode: undefined, serial: undefined }), printerId: bambuId })).result).toMatchObject({ ok: true });
    expect((await testConnection({ printerId: bambuId, kind: "bambu", host: "127.0.0.1", accessCode: "11111111" })).result).toMatchObject({
      ok: false,
      stage: "auth",
    });
  });

  it("purges the encrypted form from the command once it ended and never stores it in plain text", async () => {
    const rows = await db.command.findMany({ where: { type: "printer.test-connection" } });
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const row of rows) {
      expect(row.payload).toBe("{}");
      expect(row.result ?? "").not.toContain(bambu.accessCode);
      expect(row.result ?? "").not.toContain(prusa.password);
    }
    expect(await db.auditLog.count({ where: { action: "credential.read", target: "unsaved-printer" } })).toBeGreaterThanOrEqual(6);
  });
});

describe("secrets stay with their printer", () => {
  const raw = (body: object) => call(testConnectionRoute.POST, testRequest("POST", "/api/printers/test-connection", { body, headers: admin }));
  const issues = async (res: Response) => ((await res.json()) as { error: { details: { issues: { path: string; code: string }[] } } }).error.details.issues;

  it("tests a saved custom-CA printer with its stored code and certificate when nothing that identifies it changed", async () => {
    const unchanged = { printerId: bambuId, kind: "bambu", host: "127.0.0.1", mqttPort: bambu.mqttPort, ftpPort: bambu.ftpPort, tls: "custom-ca" };
    expect(await testConnection(unchanged)).toMatchObject({ status: "succeeded", result: { ok: true } });
    expect((await testConnection({ ...unchanged, accessCode: "00000000" })).result).toMatchObject({ ok: false, stage: "auth" });
  });

  it("refuses a test against another host, port, TLS mode or certificate without the secret typed again", async () => {
    const changes: object[] = [{ host: "localhost" }, { mqttPort: await closedPort() }, { tls: "insecure" }, { tls: "custom-ca", caCert: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" }];
    for (const change of changes) {
      const res = await raw({ printerId: bambuId, kind: "bambu", host: "127.0.0.1", ...change });
      expect(res.status, JSON.stringify(change)).toBe(422);
      expect(await issues(res)).toEqual([expect.objectContaining({ path: "accessCode", code: "secret_required" })]);
    }
    const prusaMoved = await raw({ printerId: prusaId, kind: "prusalink", host: "localhost", httpPort: prusa.port });
    expect(await issues(prusaMoved)).toEqual([expect.objectContaining({ path: "password", code: "secret_required" })]);
    // With the code typed, the moved test runs (and the typed code, not the stored one, is what it sends).
    expect((await testConnection({ printerId: bambuId, kind: "bambu", host: "127.0.0.1", tls: "insecure", accessCode: bambu.accessCode })).result).toMatchObject({ ok: true });
    expect((await testConnection({ printerId: bambuId, kind: "bambu", host: "127.0.0.1", tls: "insecure", accessCode: "00000000" })).result).toMatchObject({ ok: false, stage: "auth" });
  });

  it("asks for the certificate when a saved printer without one is tested as custom-CA", async () => {
    const insecure = (await addBambuPrinter({ ...bambu, serial: "03919A000000303" }, "A1 ohne CA")).id;
    await db.printer.update({ where: { id: insecure }, data: { tls: "insecure", caCert: null } });
    const res = await raw({ printerId: insecure, kind: "bambu", host: "127.0.0.1", tls: "custom-ca", accessCode: bambu.accessCode });
    expect(res.status).toBe(422);
    expect(await issues(res)).toEqual([expect.objectContaining({ path: "caCert" })]);
    await db.printer.delete({ where: { id: insecure } });
  });
});

describe("camera snapshots", () => {
  it("serves the printer's JPEG, one worker fetch for many viewers", async () => {
    const get = () => call(snapshotRoute.GET, testRequest("GET", `/api/printers/${bambuId}/snapshot`, { headers: admin }), { id: bambuId });
    const responses = await Promise.all([get(), get(), get(), get()]);
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/jpeg");
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    }
    expect(await db.command.count({ where: { type: "printer.snapshot" } })).toBe(1);
    const stored = await db.command.findFirstOrThrow({ where: { type: "printer.snapshot" } });
    expect(JSON.parse(stored.result ?? "{}")).toMatchObject({ camera: true });
  });

  it("answers 404 for a printer without a camera", async () => {
    const res = await call(snapshotRoute.GET, testRequest("GET", `/api/printers/${prusaId}/snapshot`, { headers: admin }), { id: prusaId });
    expect(res.status).toBe(404);
  });
});

describe("developer mode", () => {
  it("raises an alert and refuses commands with a clear message until it is switched on again", async () => {
    bambu.setDeveloperMode(false);
    await waitFor(() => db.alert.findFirst({ where: { printerId: bambuId, type: "developer_mode", resolvedAt: null } }), "developer_mode alert");
    const res = await call(
      commandsRoute.POST,
      testRequest("POST", `/api/printers/${bambuId}/commands?wait=1`, { body: { action: "light_on" }, headers: admin }),
      { id: bambuId },
    );
    expect(await res.json()).toMatchObject({ status: "failed", error: "bambu.failure.developerMode" });
    expect((await testConnection({ printerId: bambuId })).result).toMatchObject({ ok: false, stage: "developer_mode" });
    bambu.setDeveloperMode(true);
    // The driver remembers a refusal for the rest of the connection; switching the mode restarts it on a real printer.
    bambu.disconnectClients();
    await waitFor(
      async () => (await db.alert.count({ where: { printerId: bambuId, type: "developer_mode", resolvedAt: null } })) === 0,
      "developer_mode resolved",
    );
  });
});
