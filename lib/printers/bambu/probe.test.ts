import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { requireTool } from "@/testing/tools";
import type { BambuConnection } from "./kind";
import { startTestBroker, type TestBroker } from "@/testing/printers/bambu/broker";
import { testBambuConnection } from "./probe";

/** Each stage of the setup check against a small aedes-based printer on loopback. */

const serial = "03919A000000011";
const accessCode = "c0ffee42";
const quick = { stepTimeoutMs: 2_000, reportTimeoutMs: 800, resolve: async () => "127.0.0.1" };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function broker(): Promise<TestBroker> {
  const started = await startTestBroker({ serial, accessCode });
  cleanups.push(() => started.close());
  return started;
}

function conn(server: TestBroker, overrides: Partial<BambuConnection> = {}): BambuConnection {
  return {
    kind: "bambu",
    host: "printer.local",
    serial,
    accessCode,
    model: "A1",
    mqttPort: server.port,
    ftpPort: 990,
    cameraPort: 6000,
    tls: "custom-ca",
    caCert: server.pki.caPem,
    ...overrides,
  };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

describe("testBambuConnection", () => {
  requireTool("openssl", "openssl");
  it("succeeds and reports firmware and model", async () => {
    const server = await broker();
    await expect(testBambuConnection(conn(server), quick)).resolves.toEqual({ ok: true, firmware: "01.05.00.00", model: "A1" });
    expect(server.requests.some((request) => typeof request === "object" && request !== null && "system" in request)).toBe(true);
  });

  it("dns: the name does not resolve", async () => {
    const server = await broker();
    const notFound = Object.assign(new Error("getaddrinfo ENOTFOUND printer.local"), { code: "ENOTFOUND" });
    const result = await testBambuConnection(conn(server), { ...quick, resolve: () => Promise.reject(notFound) });
    expect(result).toEqual({ ok: false, stage: "dns", message: "bambu.failure.dns", detail: "ENOTFOUND" });
  });

  it("tcp: wrong port", async () => {
    const server = await broker();
    const result = await testBambuConnection(conn(server, { mqttPort: await closedPort() }), quick);
    expect(result).toEqual({ ok: false, stage: "tcp", message: "bambu.failure.tcp", detail: "ECONNREFUSED" });
  });

  it("tls: certificate from another CA", async () => {
    const server = await broker();
    const other = await broker();
    const result = await testBambuConnection(conn(server, { caCert: other.pki.caPem }), quick);
    expect(result).toMatchObject({ ok: false, stage: "tls", message: "bambu.failure.tlsCertificate" });
  });

  it("tls: certificate of another printer", async () => {
    const server = await broker();
    const result = await testBambuConnection(conn(server, { serial: "03919A000000099" }), quick);
    expect(result).toMatchObject({ ok: false, stage: "tls", message: "bambu.failure.serialMismatch" });
  });

  it("tls: Bambu's CA does not trust a foreign certificate", async () => {
    const server = await broker();
    const result = await testBambuConnection(conn(server, { tls: "verify", caCert: null }), quick);
    expect(result).toMatchObject({ ok: false, stage: "tls" });
  });

  it("auth: wrong access code", async () => {
    const server = await broker();
    const result = await testBambuConnection(conn(server, { accessCode: "nope" }), quick);
    expect(result).toEqual({ ok: false, stage: "auth", message: "bambu.failure.auth", detail: "code 5" });
  });

  it("protocol: connected but no report arrives", async () => {
    const server = await broker();
    server.silent = true;
    const result = await testBambuConnection(conn(server), quick);
    expect(result).toMatchObject({ ok: false, stage: "protocol", message: "bambu.failure.noReport" });
  });

  it("developer_mode: the fun bit says signed commands only", async () => {
    const server = await broker();
    server.funBit = true;
    const result = await testBambuConnection(conn(server), quick);
    expect(result).toMatchObject({ ok: false, stage: "developer_mode", message: "bambu.failure.developerMode" });
  });

  it("developer_mode: the harmless probe is refused with err_code 84033543", async () => {
    const server = await broker();
    server.developerMode = false;
    const result = await testBambuConnection(conn(server), quick);
    expect(result).toMatchObject({ ok: false, stage: "developer_mode", detail: "err_code" });
    const probe = server.requests.find((request) => typeof request === "object" && request !== null && "system" in request);
    expect(probe).toMatchObject({ system: { command: "ledctrl", led_node: "chamber_light", led_mode: "off" } });
  });
});
