import { describe, expect, it, vi } from "vitest";
import { normalizedStateSchema, PrinterFailure, type NormalizedState } from "@/lib/printers/types";
import type { BambuConnection } from "./kind";
import type { OutgoingCommand } from "./commands";
import type { MqttConnectionHandlers, MqttConnectionInfo } from "./client";
import { BambuDriver, type MqttTransport } from "./driver";
import { reportEnvelopeSchema } from "./schemas";
import { isJsonObject } from "./state-merge";
import { fixture, repairRedaction, sessionLogPayloads } from "@/testing/printers/bambu/fixtures";

const connection: BambuConnection = {
  kind: "bambu",
  host: "127.0.0.1",
  serial: "01P00A000000001",
  accessCode: "12345678",
  model: "P1S",
  mqttPort: 8883,
  ftpPort: 990,
  cameraPort: 6000,
  tls: "verify",
  caCert: null,
};

/** Stands in for the MQTT connection: the test plays the printer. */
class FakeTransport implements MqttTransport {
  readonly sent: OutgoingCommand[] = [];
  connected = false;
  autoAck: ((command: OutgoingCommand) => object | null) | null = null;
  private sequence = 100;

  constructor(readonly handlers: MqttConnectionHandlers) {}

  start(): void {
    this.connected = true;
    this.handlers.connected();
  }

  async stop(): Promise<void> {
    this.connected = false;
  }

  async publish(command: OutgoingCommand): Promise<void> {
    this.sent.push(command);
    const reply = this.autoAck?.(command);
    if (reply) queueMicrotask(() => this.handlers.message(JSON.stringify(reply)));
  }

  nextSequenceId(): string {
    this.sequence += 1;
    return String(this.sequence);
  }

  isConnected(): boolean {
    return this.connected;
  }

  info(): MqttConnectionInfo {
    return { phase: "connected", attempts: 0, connectedSince: null, lastMessageAt: null, lastFailure: null, nextAttemptInMs: null, pushallsSent: 0 };
  }

  receive(payload: unknown): void {
    this.handlers.message(typeof payload === "string" ? payload : JSON.stringify(payload));
  }
}

function setup(overrides: Partial<BambuConnection> = {}) {
  const created: FakeTransport[] = [];
  const driver = new BambuDriver(
    { ...connection, ...overrides },
    {
      commandTimeoutMs: 200,
      createTransport: (handlers) => {
        const transport = new FakeTransport(handlers);
        created.push(transport);
        return transport;
      },
    },
  );
  const states: NormalizedState[] = [];
  const invalid: string[] = [];
  const connections: Array<[boolean, PrinterFailure | undefined]> = [];
  driver.on("state", (state) => states.push(state));
  driver.on("invalidPayload", (reason) => invalid.push(reason));
  driver.on("connection", (online, failure) => connections.push([online, failure]));
  driver.start();
  const [printer] = created;
  return { driver, printer, states, invalid, connections };
}

const ackTo = (result: object) => (command: OutgoingCommand) => ({
  [command.channel]: { command: command.command, sequence_id: command.sequenceId, ...result },
});

describe("BambuDriver with a scripted printer", () => {
  it("asks for the version on connect and reports firmware", () => {
    const { driver, printer } = setup();
    expect(printer.sent.map((command) => command.command)).toEqual(["get_version"]);
    printer.receive(fixture("p1s-pushall-finish.json").json);
    const info = reportEnvelopeSchema.parse(fixture("p1p-get_version.json").json).info;
    printer.receive({ info: { ...info, sequence_id: printer.sent[0].sequenceId } });
    expect(driver.current().firmware).toBe("01.07.00.00");
  });

  it("goes online with the first state, once", () => {
    const { driver, printer, states, connections } = setup();
    expect(driver.current()).toMatchObject({ online: false, state: "offline" });
    printer.receive(fixture("p1s-delta-1.json").json);
    expect(states).toHaveLength(0);
    printer.receive(fixture("p1s-pushall-finish.json").json);
    printer.receive(fixture("p1s-delta-2.json").json);
    expect(connections).toEqual([[true, undefined]]);
    expect(driver.current()).toMatchObject({ online: true, state: "finished", layer: 260 });
    expect(states.length).toBeGreaterThanOrEqual(1);
  });

  it("replays the P1S session log into sane states", () => {
    const { driver, printer, states, invalid } = setup();
    for (const line of sessionLogPayloads()) printer.receive(repairRedaction(line));
    expect(invalid).toEqual([]);
    expect(states).toHaveLength(1);
    const state = driver.current();
    expect(normalizedStateSchema.safeParse(state).success).toBe(true);
    expect(state).toMatchObject({ online: true, state: "finished", progress: 100, layer: 260, totalLayers: 260, bed: { current: 12 }, remainingSeconds: 0 });
    expect(state.filament.filter((slot) => slot.id.startsWith("ams0"))).toHaveLength(4);
  });

  it("the unrepaired redacted log line is an invalid payload and changes nothing", () => {
    const { driver, printer, invalid } = setup();
    printer.receive(fixture("p1s-pushall-finish.json").json);
    const before = driver.current();
    const broken = sessionLogPayloads().find((line) => line.includes('"ip":X'));
    printer.receive(broken ?? "");
    expect(invalid).toEqual(["not JSON"]);
    expect(driver.current()).toEqual(before);
  });

  it("a delta after the snapshot changes only what it names", () => {
    const { driver, printer, states } = setup();
    printer.receive(fixture("p1s-pushall-finish.json").json);
    printer.receive({ print: { command: "push_status", msg: 1, sequence_id: "1", nozzle_target_temper: 220, gcode_state: "PREPARE" } });
    expect(driver.current()).toMatchObject({ state: "preparing", nozzle: { current: 15.0625, target: 220 } });
    printer.receive({ print: { command: "push_status", msg: 1, sequence_id: "2", wifi_signal: "-60dBm" } });
    expect(states).toHaveLength(2);
  });

  it("garbage, wrong types and huge numbers never throw and keep the last good state", () => {
    const { driver, printer, invalid, states } = setup();
    printer.receive(fixture("x1-pushall-running.json").json);
    const good = driver.current();
    const garbage: unknown[] = [
      "",
      "{",
      "null",
      "[]",
      "42",
      '"print"',
      "\u0000\u0001binary",
      { print: "not an object" },
      { print: { command: "push_status", msg: 1, mc_percent: { nested: true } } },
      { print: { command: "push_status", msg: 1, nozzle_temper: "very hot" } },
      { print: { command: "push_status", msg: 1, hms: "none" } },
      { print: { command: "push_status", msg: 1, ams: { ams: [{ id: { x: 1 } }] } } },
      { print: { command: "push_status", msg: 1, lights_report: [{ node: 1 }] } },
      { info: { command: 5 } },
      '{"print":{"command":"push_status","msg":1,"bed_temper":1e999}}',
    ];
    for (const payload of garbage) expect(() => printer.receive(payload)).not.toThrow();
    expect(invalid).toHaveLength(garbage.length);
    expect(driver.current()).toEqual(good);
    expect(states).toHaveLength(1);
  });

  it("huge but finite numbers map to null instead of nonsense", () => {
    const { driver, printer, invalid } = setup();
    printer.receive(fixture("x1-pushall-running.json").json);
    printer.receive({ print: { command: "push_status", msg: 1, mc_percent: 1e308, layer_num: 2 ** 60, mc_remaining_time: 1e300 } });
    expect(invalid).toEqual([]);
    expect(driver.current()).toMatchObject({ progress: null, layer: null, remainingSeconds: null });
  });

  it("random mutations of every fixture never throw out of the driver", () => {
    const random = seeded(7);
    const { driver, printer } = setup();
    const sources = ["a1-pushall-idle.json", "x1c-pushall-finish-multiams.json", "p1p-pushall-failed.json", "unattributed/a1-delta-pause-filament-runout.json"];
    const values: unknown[] = [null, -1, 0, 1e308, -1e308, "", "x", "12", [], {}, [1, "a"], { a: 1 }, true, 2 ** 53 + 1];
    for (let round = 0; round < 400; round += 1) {
      const payload = structuredClone(fixture(sources[round % sources.length]).json);
      mutate(payload, random, values);
      expect(() => printer.receive(payload)).not.toThrow();
      expect(normalizedStateSchema.safeParse(driver.current()).success).toBe(true);
    }
  });

  it("a throwing listener does not stop the others", () => {
    const { driver, printer } = setup();
    const after = vi.fn();
    driver.on("state", () => {
      throw new Error("bad listener");
    });
    driver.on("state", after);
    expect(() => printer.receive(fixture("a1-pushall-idle.json").json)).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
  });

  it("off and stop remove listeners", async () => {
    const { driver, printer } = setup();
    const listener = vi.fn();
    driver.on("state", listener);
    driver.off("state", listener);
    printer.receive(fixture("a1-pushall-idle.json").json);
    expect(listener).not.toHaveBeenCalled();
    const late = vi.fn();
    driver.on("state", late);
    await driver.stop();
    printer.receive(fixture("p1s-pushall-finish.json").json);
    expect(late).not.toHaveBeenCalled();
  });
});

describe("commands through the driver", () => {
  it("resolves on a success ack with the same sequence_id", async () => {
    const { driver, printer } = setup();
    printer.receive(fixture("x1-pushall-running.json").json);
    printer.autoAck = ackTo({ result: "success", reason: "" });
    await expect(driver.command({ action: "pause" })).resolves.toBeUndefined();
    expect(printer.sent.at(-1)?.payload).toMatchObject({ print: { command: "pause", param: "" } });
    await expect(driver.command({ action: "light_on" })).resolves.toBeUndefined();
    expect(printer.sent.at(-1)?.payload).toMatchObject({ system: { command: "ledctrl", led_mode: "on" } });
  });

  it("ignores acks for other sequence ids and times out", async () => {
    const { driver, printer } = setup();
    printer.autoAck = (command) => ({ print: { command: command.command, sequence_id: "999", result: "success" } });
    await expect(driver.command({ action: "resume" })).rejects.toMatchObject({ kind: "temporary", stage: "timeout" });
  });

  it("err_code 84033543 rejects with developer_mode and flags the state", async () => {
    const { driver, printer } = setup();
    printer.receive(fixture("a1-pushall-idle.json").json);
    printer.autoAck = ackTo({ result: "failed", reason: "mqtt message verify failed", err_code: 84033543 });
    const failure = await driver.command({ action: "light_on" }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PrinterFailure);
    expect(failure).toMatchObject({ kind: "permanent", stage: "developer_mode" });
    expect(driver.current().developerModeRequired).toBe(true);
    printer.autoAck = ackTo({ result: "success" });
    await driver.command({ action: "light_on" });
    expect(driver.current().developerModeRequired).toBe(false);
  });

  it("refuses to start while printing, without sending anything", async () => {
    const { driver, printer } = setup();
    printer.receive(fixture("x1-pushall-running.json").json);
    const sent = printer.sent.length;
    await expect(driver.command({ action: "start", path: "/cache/a.gcode.3mf" })).rejects.toMatchObject({ message: "bambu.failure.printerBusy" });
    expect(printer.sent).toHaveLength(sent);
  });

  it("starts from FINISH", async () => {
    const { driver, printer } = setup();
    printer.receive(fixture("p1s-pushall-finish.json").json);
    printer.autoAck = ackTo({ result: "success" });
    await driver.command({ action: "start", path: "/model/part.3mf", plate: 1 });
    expect(printer.sent.at(-1)?.payload).toMatchObject({ print: { command: "project_file", url: "ftp:///model/part.3mf" } });
  });

  it("a FAILED after our stop is reported as cancelled", async () => {
    const { driver, printer } = setup();
    printer.receive(fixture("x1-pushall-running.json").json);
    printer.autoAck = ackTo({ result: "success" });
    await driver.command({ action: "stop" });
    printer.receive({ print: { command: "push_status", msg: 1, gcode_state: "FAILED", print_error: 0 } });
    expect(driver.current().state).toBe("cancelled");
  });

  it("commands in flight fail when the connection drops, and it is logged once", async () => {
    const { driver, printer, connections } = setup();
    printer.receive(fixture("x1-pushall-running.json").json);
    const pending = driver.command({ action: "pause" });
    const drop = new PrinterFailure("temporary", "tcp", "bambu.failure.tcp");
    printer.handlers.disconnected(drop, true);
    printer.handlers.disconnected(drop, true);
    await expect(pending).rejects.toBe(drop);
    expect(connections).toEqual([
      [true, undefined],
      [false, drop],
    ]);
    expect(driver.current()).toMatchObject({ online: false, state: "offline", layer: 2 });
    const auth = new PrinterFailure("auth", "auth", "bambu.failure.auth");
    printer.handlers.disconnected(auth, false);
    expect(connections.at(-1)).toEqual([false, auth]);
    printer.receive(fixture("x1-pushall-running.json").json);
    expect(connections.at(-1)).toEqual([true, undefined]);
  });

  it("diagnostics never contain the access code or the full serial", () => {
    const { driver, printer } = setup();
    printer.receive(fixture("a1-pushall-idle.json").json);
    printer.receive(fixture("a1-get_version.json").json);
    const text = JSON.stringify(driver.diagnostics());
    expect(text).not.toContain(connection.accessCode);
    expect(text).not.toContain(connection.serial);
    expect(text).not.toContain("MOCK-A1-AMS0");
    expect(text).not.toContain("1644210368");
    expect(driver.diagnostics()).toMatchObject({ kind: "bambu", connection: { serial: "…0001", tls: "verify" } });
  });
});

function seeded(seed: number): () => number {
  let value = seed;
  return () => {
    value = (value * 1103515245 + 12345) % 2 ** 31;
    return value / 2 ** 31;
  };
}

/** Replaces, deletes or retypes a few random values anywhere in the payload. */
function mutate(payload: unknown, random: () => number, values: readonly unknown[]): void {
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      containers.push(node);
      node.forEach(walk);
    } else if (isJsonObject(node)) {
      containers.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(payload);
  for (let i = 0; i < 3; i += 1) {
    const target = containers[Math.floor(random() * containers.length)];
    const keys = Object.keys(target);
    if (keys.length === 0) continue;
    const key = keys[Math.floor(random() * keys.length)];
    const replacement = values[Math.floor(random() * values.length)];
    if (Array.isArray(target)) target[Number(key)] = replacement;
    else if (random() < 0.2) delete target[key];
    else target[key] = replacement;
  }
}
