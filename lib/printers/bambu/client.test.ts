import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { requireTool } from "@/testing/tools";
import type { NormalizedState, PrinterFailure } from "@/lib/printers/types";
import type { BambuConnection } from "./kind";
import { BambuDriver } from "./driver";
import type { MqttTimings } from "./client";
import { startTestBroker, type TestBroker } from "@/testing/printers/bambu/broker";

/** The MQTT connection over real TLS sockets against a small aedes-based printer. */

const serial = "03919A000000007";
const accessCode = "a1b2c3d4";
const fast: Partial<MqttTimings> = {
  connectTimeoutMs: 2_000,
  watchdogSilenceMs: 400,
  watchdogGraceMs: 300,
  backoff: { initialMs: 50, maxMs: 200, factor: 2, jitter: 0.5 },
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function broker(options: Partial<Parameters<typeof startTestBroker>[0]> = {}): Promise<TestBroker> {
  const started = await startTestBroker({ serial, accessCode, ...options });
  cleanups.push(() => started.close());
  return started;
}

function driverFor(server: { port: number; pki: { caPem: string } }, overrides: Partial<BambuConnection> = {}, timings = fast) {
  const connection: BambuConnection = {
    kind: "bambu",
    host: "127.0.0.1",
    serial,
    accessCode,
    model: "A1",
    mqttPort: server.port,
    ftpPort: 1,
    cameraPort: 1,
    tls: "custom-ca",
    caCert: server.pki.caPem,
    ...overrides,
  };
  const driver = new BambuDriver(connection, { mqtt: timings, commandTimeoutMs: 2_000 });
  const events: Array<[boolean, PrinterFailure | undefined]> = [];
  const states: NormalizedState[] = [];
  driver.on("connection", (online, failure) => events.push([online, failure]));
  driver.on("state", (state) => states.push(state));
  cleanups.push(() => driver.stop());
  return { driver, events, states };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Bambu MQTT connection over TLS", () => {
  requireTool("openssl", "openssl");
  it("connects, subscribes, asks for pushall and version, and goes online", async () => {
    const server = await broker();
    const { driver, events } = driverFor(server);
    driver.start();
    await until(() => driver.current().online && driver.current().firmware !== null);
    expect(driver.current()).toMatchObject({ online: true, state: "idle", firmware: "01.05.00.00" });
    expect(events).toEqual([[true, undefined]]);
    expect(server.pushalls).toBe(1);
    expect(server.connects).toBe(1);
  });

  it("sends commands and resolves on the ack", async () => {
    const server = await broker();
    const { driver } = driverFor(server);
    driver.start();
    await until(() => driver.current().online);
    await driver.command({ action: "light_on" });
    expect(server.requests.at(-1)).toMatchObject({ system: { command: "ledctrl", led_mode: "on" } });
  });

  it("a wrong access code is an auth failure and is not retried", async () => {
    const server = await broker();
    const { driver, events } = driverFor(server, { accessCode: "wrong!!!" });
    driver.start();
    await until(() => events.length > 0);
    await sleep(600);
    expect(server.refusedConnects).toBe(1);
    expect(events).toHaveLength(1);
    expect(events[0][0]).toBe(false);
    expect(events[0][1]).toMatchObject({ kind: "auth", stage: "auth" });
    expect(driver.diagnostics().mqtt.phase).toBe("stopped");
  });

  it("CONNACK 4 (bad user name or password) is an auth failure too", async () => {
    const server = await broker({ refuseWith: 4 });
    const { driver, events } = driverFor(server, { accessCode: "wrong!!!" });
    driver.start();
    await until(() => events.length > 0);
    expect(events[0][1]).toMatchObject({ kind: "auth" });
  });

  it("reconnects after the printer drops the connection, and logs the drop once", async () => {
    const server = await broker();
    const { driver, events } = driverFor(server, {}, { ...fast, watchdogSilenceMs: 10_000 });
    driver.start();
    await until(() => driver.current().online);
    server.disconnectClients();
    await until(() => events.length === 2);
    expect(events[1][0]).toBe(false);
    expect(driver.current()).toMatchObject({ online: false, state: "offline" });
    await until(() => server.subscriptions === 2);
    server.sendReport({ print: { command: "push_status", msg: 1, sequence_id: "9", bed_temper: 40 } });
    await until(() => driver.current().online);
    expect(driver.current().bed.current).toBe(40);
    expect(events.map(([online]) => online)).toEqual([true, false, true]);
    expect(server.pushalls).toBe(1);
    expect(server.maxConcurrent).toBe(1);
  });

  it("watchdog: silence forces a pushall, then offline and a new connection", async () => {
    const server = await broker();
    const { driver, events } = driverFor(server);
    driver.start();
    await until(() => driver.current().online);
    server.silent = true;
    await until(() => events.length === 2, 3_000);
    expect(events[1]).toEqual([false, expect.objectContaining({ kind: "temporary", stage: "timeout" })]);
    expect(server.requests.filter((request) => typeof request === "object" && request !== null && "pushing" in request)).toHaveLength(1);
    server.silent = false;
    await until(() => server.subscriptions >= 2);
    server.sendReport({ print: { command: "push_status", msg: 1, sequence_id: "10", nozzle_temper: 30 } });
    await until(() => driver.current().online);
    expect(server.maxConcurrent).toBe(1);
  });

  it("the watchdog's pushall is not limited by the 5-minute rule", async () => {
    const server = await broker();
    const { driver } = driverFor(server, {}, { ...fast, watchdogGraceMs: 5_000 });
    driver.start();
    await until(() => server.pushalls === 1);
    await until(() => server.pushalls === 2, 2_000);
  });

  it("keeps retrying a closed port with capped backoff, one connection at a time", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const address = probe.address();
    const port = typeof address === "object" && address ? address.port : 0;
    await new Promise((resolve) => probe.close(resolve));
    const { driver, events } = driverFor({ port, pki: { caPem: (await broker()).pki.caPem } });
    driver.start();
    await sleep(1_000);
    const attempts = driver.diagnostics().mqtt.attempts;
    expect(attempts).toBeGreaterThanOrEqual(4);
    expect(attempts).toBeLessThan(25);
    expect(events).toHaveLength(1);
    expect(events[0][1]).toMatchObject({ kind: "temporary", stage: "tcp" });
  });

  it("a server certificate from another CA is a permanent TLS failure", async () => {
    const server = await broker();
    const other = await broker();
    const { driver, events } = driverFor({ port: server.port, pki: other.pki });
    driver.start();
    await until(() => events.length > 0);
    await sleep(300);
    expect(events).toHaveLength(1);
    expect(events[0][1]).toMatchObject({ kind: "permanent", stage: "tls", message: "bambu.failure.tlsCertificate" });
    expect(server.connects).toBe(0);
  });

  it("a certificate for another serial is refused", async () => {
    const server = await broker();
    const { driver, events } = driverFor(server, { serial: "03919A000000999" });
    driver.start();
    await until(() => events.length > 0);
    expect(events[0][1]).toMatchObject({ kind: "permanent", stage: "tls", message: "bambu.failure.serialMismatch" });
  });

  it("insecure mode is explicit and connects without verification", async () => {
    const server = await broker();
    const { driver } = driverFor(server, { tls: "insecure", caCert: null });
    driver.start();
    await until(() => driver.current().online);
  });

  it("stop closes the connection and stops reconnecting", async () => {
    const server = await broker();
    const { driver } = driverFor(server);
    driver.start();
    await until(() => driver.current().online);
    await driver.stop();
    await sleep(300);
    expect(server.connects).toBe(1);
    expect(driver.current().online).toBe(false);
  });

  it("drops the connection on a packet over the cap, says why, and reconnects", async () => {
    const server = await broker();
    const { driver, events } = driverFor(server, {}, { ...fast, maxPacketBytes: 64 * 1024 });
    driver.start();
    await until(() => driver.current().online);
    const heapBefore = process.memoryUsage().heapUsed;
    server.sendReport({ print: { command: "push_status", padding: "x".repeat(16 * 1024 * 1024) } });
    await until(() => events.some(([online, failure]) => !online && failure?.message === "bambu.failure.packetTooLarge"));
    await until(() => server.connects === 2 && driver.current().online);
    expect(events.at(-1)).toEqual([true, undefined]);
    // The 16 MiB string and its packet exist on the broker side; the client buffered little.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(128 * 1024 * 1024);
  });
});
