import { lookup } from "node:dns/promises";
import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls, type TLSSocket } from "node:tls";
import { randomBytes } from "node:crypto";
import { MqttClient } from "mqtt";
import { PrinterFailure, type ConnectionStage } from "@/lib/printers/types";
import type { BambuConnection } from "./kind";
import { withTimeout } from "@/lib/util/with-timeout";
import { ackFailure, chamberLightCommand, getVersionCommand, pushallCommand, SequenceIds, type CommandAck, type OutgoingCommand } from "./commands";
import { failureKeys, mqttFailure, networkFailure } from "./failures";
import { normalizeModel } from "./models";
import { ReportProcessor } from "./report-processor";
import { bambuTlsOptions } from "./tls";

/**
 * "Test before setup": walks the connection one layer at a time and names the first
 * layer that fails, so the setup dialog can say "wrong port" instead of "error".
 * dns -> tcp -> tls -> auth (CONNACK) -> protocol (a status report arrives) ->
 * developer_mode (the `fun` bit, then a probe that changes nothing: setting the
 * chamber light to the mode it already has).
 */

export type TestConnectionResult =
  | { ok: true; firmware: string | null; model: string | null }
  | { ok: false; stage: ConnectionStage; message: string; detail?: string };

export interface TestConnectionOptions {
  /** Per step: DNS, TCP connect, TLS handshake, CONNACK, the probe's ack. */
  stepTimeoutMs?: number;
  /** Waiting for the first status report after subscribing. */
  reportTimeoutMs?: number;
  /** Name resolution; dns.lookup unless replaced. */
  resolve?: (host: string) => Promise<string>;
}

class StageError extends Error {
  constructor(
    readonly stage: ConnectionStage,
    readonly key: string,
    readonly detail?: string,
  ) {
    super(key);
  }
}

function detailOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = "code" in error ? error.code : undefined;
  if (typeof code === "string") return code;
  if (typeof code === "number") return `code ${code}`;
  return error instanceof Error ? error.message.slice(0, 200) : undefined;
}

function fromFailure(failure: PrinterFailure, stage?: ConnectionStage): StageError {
  return new StageError(stage ?? failure.stage, failure.message, detailOf(failure.cause));
}

async function systemLookup(host: string): Promise<string> {
  const { address } = await lookup(host);
  return address;
}

async function resolveHost(host: string, timeoutMs: number, resolve: (host: string) => Promise<string>): Promise<string> {
  const result = resolve(host).then(
    (address) => address,
    (error: unknown) => {
      throw new StageError("dns", failureKeys.dns, detailOf(error));
    },
  );
  return withTimeout(result, timeoutMs, () => new StageError("dns", failureKeys.dns, "timeout"));
}

function openTcp(address: string, port: number, timeoutMs: number, sockets: Socket[]): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const socket = connectTcp({ host: address, port });
    sockets.push(socket);
    socket.setTimeout(timeoutMs, () => reject(new StageError("tcp", failureKeys.tcp, "timeout")));
    socket.once("connect", () => {
      socket.setTimeout(0);
      resolve(socket);
    });
    socket.once("error", (error) => reject(new StageError("tcp", failureKeys.tcp, detailOf(error))));
  });
}

function openTls(conn: BambuConnection, socket: Socket, timeoutMs: number, sockets: Socket[]): Promise<TLSSocket> {
  return new Promise<TLSSocket>((resolve, reject) => {
    const secure = connectTls({ ...bambuTlsOptions(conn), socket });
    sockets.push(secure);
    const timer = setTimeout(() => reject(new StageError("tls", failureKeys.tls, "timeout")), timeoutMs);
    secure.once("secureConnect", () => {
      clearTimeout(timer);
      resolve(secure);
    });
    secure.once("error", (error) => {
      clearTimeout(timer);
      reject(fromFailure(networkFailure(error, "tls"), "tls"));
    });
  });
}

function openMqtt(conn: BambuConnection, secure: TLSSocket, timeoutMs: number): { client: MqttClient; ready: Promise<void> } {
  const client = new MqttClient(() => secure, {
    clientId: `printernizer_test_${randomBytes(4).toString("hex")}`,
    username: "bblp",
    password: conn.accessCode,
    protocolVersion: 4,
    clean: true,
    reconnectPeriod: 0,
    connectTimeout: timeoutMs,
    keepalive: 30,
  });
  const ready = new Promise<void>((resolve, reject) => {
    client.once("connect", () => resolve());
    client.on("error", (error) => {
      const failure = mqttFailure(error, "protocol");
      reject(fromFailure(failure, failure.stage === "auth" ? "auth" : "protocol"));
    });
    client.once("close", () => reject(new StageError("protocol", failureKeys.protocol, "connection closed before CONNACK")));
  });
  return { client, ready };
}

function publish(client: MqttClient, conn: BambuConnection, command: OutgoingCommand): void {
  client.publish(`device/${conn.serial}/request`, JSON.stringify(command.payload), { qos: 1 });
}

interface Session {
  processor: ReportProcessor;
  reported: Promise<void>;
  versioned: Promise<void>;
  acks: Map<string, (ack: CommandAck) => void>;
}

function latch(): { promise: Promise<void>; fire: () => void } {
  let fire: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire: () => fire() };
}

function listen(client: MqttClient, conn: BambuConnection): Session {
  const processor = new ReportProcessor({ model: normalizeModel(conn.model) });
  const acks = new Map<string, (ack: CommandAck) => void>();
  const reported = latch();
  const versioned = latch();
  client.on("message", (_topic, payload) => {
    for (const outcome of processor.process(payload.toString("utf8"), Date.now())) {
      if (outcome.kind === "state") reported.fire();
      if (outcome.kind === "version") versioned.fire();
      if (outcome.kind === "ack") acks.get(outcome.ack.sequenceId)?.(outcome.ack);
    }
  });
  return { processor, reported: reported.promise, versioned: versioned.promise, acks };
}

function subscribe(client: MqttClient, conn: BambuConnection): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    client.subscribe(`device/${conn.serial}/report`, { qos: 0 }, (error, granted) => {
      if (error || granted?.some((grant) => grant.qos === 128)) {
        reject(new StageError("protocol", failureKeys.protocol, "subscription refused"));
      } else resolve();
    });
  });
}

/** Sets the chamber light to the mode it has; a printer without Developer mode refuses it. */
async function probeDeveloperMode(client: MqttClient, conn: BambuConnection, session: Session, ids: SequenceIds, timeoutMs: number): Promise<void> {
  const state = session.processor.state();
  if (state?.developerModeRequired) throw new StageError("developer_mode", failureKeys.developerMode, "fun bit");
  if (state?.lightOn == null) return;
  const command = chamberLightCommand(state.lightOn, ids.next());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ack = new Promise<CommandAck | null>((resolve) => {
    session.acks.set(command.sequenceId, resolve);
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  publish(client, conn, command);
  const reply = await ack;
  clearTimeout(timer);
  const failure = reply ? ackFailure(reply) : null;
  if (failure?.stage === "developer_mode") throw new StageError("developer_mode", failureKeys.developerMode, "err_code");
}

export async function testBambuConnection(conn: BambuConnection, options: TestConnectionOptions = {}): Promise<TestConnectionResult> {
  const stepTimeoutMs = options.stepTimeoutMs ?? 10_000;
  const reportTimeoutMs = options.reportTimeoutMs ?? 15_000;
  const sockets: Socket[] = [];
  let client: MqttClient | null = null;
  try {
    const address = await resolveHost(conn.host, stepTimeoutMs, options.resolve ?? systemLookup);
    const tcp = await openTcp(address, conn.mqttPort, stepTimeoutMs, sockets);
    const secure = await openTls(conn, tcp, stepTimeoutMs, sockets);
    const mqtt = openMqtt(conn, secure, stepTimeoutMs);
    client = mqtt.client;
    const session = listen(mqtt.client, conn);
    await mqtt.ready;
    await subscribe(mqtt.client, conn);
    const ids = new SequenceIds();
    publish(mqtt.client, conn, getVersionCommand(ids.next()));
    publish(mqtt.client, conn, pushallCommand(ids.next()));
    await withTimeout(session.reported, reportTimeoutMs, () => new StageError("protocol", failureKeys.noReport, "no report"));
    await withTimeout(session.versioned, stepTimeoutMs, () => new StageError("protocol", failureKeys.noReport, "no version")).catch(() => undefined);
    await probeDeveloperMode(mqtt.client, conn, session, ids, stepTimeoutMs);
    const model = session.processor.currentModel();
    return { ok: true, firmware: session.processor.currentFirmware(), model: model === "unknown" ? null : model };
  } catch (error) {
    if (error instanceof StageError) return { ok: false, stage: error.stage, message: error.key, detail: error.detail };
    if (error instanceof PrinterFailure) return { ok: false, stage: error.stage, message: error.message, detail: detailOf(error.cause) };
    return { ok: false, stage: "protocol", message: failureKeys.protocol, detail: detailOf(error) };
  } finally {
    client?.removeAllListeners("message");
    client?.on("error", () => undefined);
    client?.end(true);
    for (const socket of sockets) socket.destroy();
  }
}
