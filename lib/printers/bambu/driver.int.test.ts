import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { NormalizedState, PrinterFailure } from "@/lib/printers/types";
import type { BambuConnection } from "./kind";
import { createSimulatorCa, startBambuSimulator, type BambuSimulator } from "@/sim/bambu";
import type { MqttTimings } from "./client";
import { BambuDriver } from "./driver";
import { testBambuConnection } from "./probe";

/**
 * The driver against the Bambu simulator over real sockets: MQTT over TLS, implicit
 * FTPS and the :6000 camera, verified with the simulator's CA (custom-ca mode).
 */

const accessCode = "29a8c1f0";
const fast: Partial<MqttTimings> = {
  connectTimeoutMs: 3_000,
  watchdogSilenceMs: 600,
  watchdogGraceMs: 400,
  backoff: { initialMs: 50, maxMs: 300, factor: 2, jitter: 0.5 },
};

async function until(condition: () => boolean, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");

function connectionTo(sim: BambuSimulator, overrides: Partial<BambuConnection> = {}): BambuConnection {
  return {
    kind: "bambu",
    host: sim.host,
    serial: sim.serial,
    accessCode,
    model: sim.model,
    mqttPort: sim.mqttPort,
    ftpPort: sim.ftpPort,
    cameraPort: sim.cameraPort ?? 0,
    tls: "custom-ca",
    caCert: sim.caCertPem,
    ...overrides,
  };
}

function watch(driver: BambuDriver) {
  const connections: Array<[boolean, PrinterFailure | undefined]> = [];
  const states: NormalizedState[] = [];
  const invalid: string[] = [];
  driver.on("connection", (online, failure) => connections.push([online, failure]));
  driver.on("state", (state) => states.push(state));
  driver.on("invalidPayload", (reason) => invalid.push(reason));
  return { connections, states, invalid };
}

describe("BambuDriver against the simulator", () => {
  let sim: BambuSimulator;
  let driver: BambuDriver;
  let seen: ReturnType<typeof watch>;
  const extraDrivers: BambuDriver[] = [];

  beforeAll(async () => {
    sim = await startBambuSimulator({
      serial: "03919A000000077",
      accessCode,
      model: "A1",
      host: "127.0.0.1",
      mqttPort: 0,
      ftpPort: 0,
      cameraPort: 0,
      printSeconds: 60,
      prepareSeconds: 0.3,
      reportIntervalMs: 100,
      cameraFrameIntervalMs: 50,
    });
    driver = new BambuDriver(connectionTo(sim), { mqtt: fast, commandTimeoutMs: 3_000, cameraTimeoutMs: 3_000 });
    seen = watch(driver);
    driver.start();
  });

  afterEach(async () => {
    while (extraDrivers.length) await extraDrivers.pop()?.stop();
  });

  afterAll(async () => {
    await driver?.stop();
    await sim?.close();
  });

  it("connects and reports the idle printer with its firmware", async () => {
    await until(() => driver.current().online && driver.current().firmware !== null);
    expect(driver.current()).toMatchObject({ online: true, state: "idle", developerModeRequired: false });
    expect(seen.connections).toEqual([[true, undefined]]);
  });

  it("lists the storage over FTPS and downloads a file byte for byte", async () => {
    const listing = await driver.listFiles();
    const expected = await sim.printFiles();
    expect(listing.map((file) => file.path).sort()).toEqual(expect.arrayContaining(expected));
    const file = listing.find((entry) => entry.path.endsWith(".gcode.3mf"));
    if (!file) throw new Error("no print file on the simulated storage");
    const chunks: Buffer[] = [];
    const write = new PassThrough();
    write.on("data", (chunk: Buffer) => chunks.push(chunk));
    const result = await driver.download(file.path, { offset: 0, write });
    const onDisk = readFileSync(path.join(sim.storageDir, file.path));
    expect(result).toEqual({ bytes: onDisk.length, resumed: false });
    expect(sha(Buffer.concat(chunks))).toBe(sha(onDisk));
  });

  it("resumes a download with REST", async () => {
    const large = await sim.ensureLargeFile(2 * 1024 * 1024 + 17);
    const onDisk = readFileSync(path.join(sim.storageDir, large));
    const chunks: Buffer[] = [];
    const write = new PassThrough();
    write.on("data", (chunk: Buffer) => chunks.push(chunk));
    const offset = 1_048_576;
    const result = await driver.download(large, { offset, write });
    expect(result.bytes).toBe(onDisk.length);
    expect(sha(Buffer.concat([onDisk.subarray(0, offset), ...chunks]))).toBe(sha(onDisk));
  });

  it("uploads a file and confirms it", async () => {
    const content = randomBytes(64 * 1024);
    await driver.upload("/cache/upload test ü.gcode.3mf", Readable.from([content]), content.length);
    expect(sha(readFileSync(path.join(sim.storageDir, "cache", "upload test ü.gcode.3mf")))).toBe(sha(content));
  });

  it("deletes a file over FTPS; deleting it again is not an error", async () => {
    const content = randomBytes(4 * 1024);
    await driver.upload("/cache/delete me.gcode.3mf", Readable.from([content]), content.length);
    expect((await driver.listFiles()).some((f) => f.path === "/cache/delete me.gcode.3mf")).toBe(true);
    await driver.deleteFile("/cache/delete me.gcode.3mf");
    expect((await driver.listFiles()).some((f) => f.path === "/cache/delete me.gcode.3mf")).toBe(false);
    await expect(driver.deleteFile("/cache/delete me.gcode.3mf")).resolves.toBeUndefined();
  });

  it("starts a print by command and reports it printing", async () => {
    const [file] = (await sim.printFiles()).filter((name) => name.endsWith(".3mf"));
    await driver.command({ action: "start", path: file, plate: 1 });
    await until(() => driver.current().state === "printing");
    const state = driver.current();
    expect(state.printerJobId).not.toBeNull();
    expect(state.jobName).not.toBeNull();
    expect(sim.state().gcodeState).toBe("RUNNING");
  });

  it("refuses a second start while printing", async () => {
    const [file] = await sim.printFiles();
    await expect(driver.command({ action: "start", path: file })).rejects.toMatchObject({ message: "bambu.failure.printerBusy" });
    expect(sim.state().gcodeState).toBe("RUNNING");
  });

  it("pauses", async () => {
    await driver.command({ action: "pause" });
    await until(() => driver.current().state === "paused");
    expect(sim.state().gcodeState).toBe("PAUSE");
  });

  it("switches the chamber light", async () => {
    await driver.command({ action: "light_on" });
    await until(() => driver.current().lightOn === true);
    await driver.command({ action: "light_off" });
    await until(() => driver.current().lightOn === false);
    expect(sim.state().lightOn).toBe(false);
  });

  it("takes a camera snapshot (JPEG)", async () => {
    const frame = await driver.snapshot();
    expect(frame).not.toBeNull();
    expect(frame?.subarray(0, 2).equals(Buffer.from([0xff, 0xd8]))).toBe(true);
    expect(frame?.subarray(-2).equals(Buffer.from([0xff, 0xd9]))).toBe(true);
  });

  it("without Developer mode commands fail with stage developer_mode", async () => {
    sim.setDeveloperMode(false);
    await expect(driver.command({ action: "resume" })).rejects.toMatchObject({ kind: "permanent", stage: "developer_mode" });
    await until(() => driver.current().developerModeRequired);
    expect(sim.state().gcodeState).toBe("PAUSE");
    sim.setDeveloperMode(true);
    await driver.command({ action: "resume" });
    await until(() => driver.current().state === "printing" && !driver.current().developerModeRequired);
  });

  it("reconnects after the printer drops the connection", async () => {
    const before = seen.connections.length;
    sim.disconnectClients();
    await until(() => seen.connections.length >= before + 2);
    expect(seen.connections.slice(before).map(([online]) => online)).toEqual([false, true]);
    expect(driver.current().online).toBe(true);
    expect(sim.state().mqttClients).toBe(1);
  });

  it("survives a certificate rotation under the same CA", async () => {
    const before = seen.connections.length;
    sim.rotateCertificate();
    await until(() => seen.connections.length >= before + 2 && driver.current().online);
  });

  it("watchdog: a stalled printer goes offline and comes back", async () => {
    const before = seen.connections.length;
    sim.stall(2_000);
    await until(() => seen.connections.length === before + 1);
    expect(seen.connections.at(-1)).toEqual([false, expect.objectContaining({ stage: "timeout" })]);
    expect(driver.current()).toMatchObject({ online: false, state: "offline" });
    await until(() => driver.current().online, 10_000);
  });

  it("a stop ends the print as cancelled", async () => {
    await driver.command({ action: "stop" });
    await until(() => driver.current().state === "cancelled");
  });

  it("never emitted an invalid payload for the simulator's reports", () => {
    expect(seen.invalid).toEqual([]);
  });

  it("malformed reports are counted and change nothing", async () => {
    const before = driver.current();
    sim.sendMalformed("invalid-json");
    sim.sendMalformed("wrong-types");
    await until(() => seen.invalid.length === 2);
    expect(driver.current()).toMatchObject({ online: true, state: before.state });
    expect(driver.diagnostics().invalidPayloads).toEqual({ count: 2, lastReason: expect.any(String) });
  });

  it("a wrong access code is an auth failure without a retry storm", async () => {
    const wrong = new BambuDriver(connectionTo(sim, { accessCode: "wrong-code" }), { mqtt: fast });
    extraDrivers.push(wrong);
    const events = watch(wrong);
    wrong.start();
    await until(() => events.connections.length > 0);
    await sleep(800);
    expect(events.connections).toEqual([[false, expect.objectContaining({ kind: "auth", stage: "auth" })]]);
    expect(wrong.diagnostics().mqtt).toMatchObject({ phase: "stopped", attempts: 0 });
    expect(sim.state().mqttClients).toBe(1);
  });

});

describe("developer mode off from the start", () => {
  it("flags the state and rejects commands", async () => {
    const sim = await startBambuSimulator({
      serial: "01P00A000000078",
      accessCode,
      model: "P1S",
      mqttPort: 0,
      ftpPort: 0,
      cameraPort: 0,
      developerMode: false,
      reportIntervalMs: 100,
    });
    const driver = new BambuDriver(connectionTo(sim), { mqtt: fast, commandTimeoutMs: 3_000 });
    try {
      driver.start();
      await until(() => driver.current().online);
      expect(driver.current().developerModeRequired).toBe(true);
      await expect(driver.command({ action: "light_on" })).rejects.toMatchObject({ stage: "developer_mode" });
    } finally {
      await driver.stop();
      await sim.close();
    }
  });
});

describe("testBambuConnection against the simulator", () => {
  let sim: BambuSimulator;

  beforeAll(async () => {
    sim = await startBambuSimulator({ serial: "0300AA000000079", accessCode, model: "A1 mini", mqttPort: 0, ftpPort: 0, cameraPort: 0, reportIntervalMs: 100 });
  });

  afterAll(async () => {
    await sim?.close();
  });

  const options = { stepTimeoutMs: 3_000, reportTimeoutMs: 3_000 };

  it("ok, with firmware and model", async () => {
    const result = await testBambuConnection(connectionTo(sim), options);
    expect(result).toMatchObject({ ok: true, model: "A1 mini" });
    expect(result.ok && result.firmware).toMatch(/^\d{2}\.\d{2}\.\d{2}\.\d{2}$/);
  });

  it("wrong port -> tcp", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const address = probe.address();
    await new Promise((resolve) => probe.close(resolve));
    const port = typeof address === "object" && address ? address.port : 0;
    await expect(testBambuConnection(connectionTo(sim, { mqttPort: port }), options)).resolves.toMatchObject({ ok: false, stage: "tcp" });
  });

  it("wrong CA -> tls", async () => {
    const other = createSimulatorCa();
    await expect(testBambuConnection(connectionTo(sim, { caCert: other.certPem }), options)).resolves.toMatchObject({
      ok: false,
      stage: "tls",
      message: "bambu.failure.tlsCertificate",
    });
  });

  it("wrong access code -> auth", async () => {
    await expect(testBambuConnection(connectionTo(sim, { accessCode: "00000000" }), options)).resolves.toMatchObject({ ok: false, stage: "auth" });
  });

  it("Developer mode off -> developer_mode", async () => {
    sim.setDeveloperMode(false);
    try {
      await expect(testBambuConnection(connectionTo(sim), options)).resolves.toMatchObject({ ok: false, stage: "developer_mode" });
    } finally {
      sim.setDeveloperMode(true);
    }
  });

  it("localhost resolves through DNS lookup", async () => {
    await expect(testBambuConnection(connectionTo(sim, { host: "localhost" }), options)).resolves.toMatchObject({ ok: true });
  });
});
