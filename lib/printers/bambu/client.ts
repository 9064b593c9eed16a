import { randomBytes } from "node:crypto";
import { MqttClient } from "mqtt";
import { logger } from "@/lib/log/logger";
import { PrinterFailure } from "@/lib/printers/types";
import type { BambuConnection } from "./kind";
import { pushallCommand, SequenceIds, type OutgoingCommand } from "./commands";
import { failureKeys, mqttFailure } from "./failures";
import { Backoff, type BackoffOptions } from "@/lib/util/backoff";
import { defaultBackoff, PushallGate, ReportWatchdog } from "./timing";
import { mqttMaxPacketBytes, watchPacketSizes } from "./packet-guard";
import { bambuTlsOptions, connectTracked, type TrackedTlsSocket } from "./tls";

/**
 * The one MQTT connection to one printer. The printer is the broker and accepts only
 * a few clients, so there is never more than one client alive: a new attempt starts
 * only after the previous client is torn down. mqtt.js' own reconnect is off
 * (reconnectPeriod 0); ours backs off exponentially with jitter, and stops for good on
 * an auth or permanent failure.
 */

export interface MqttTimings {
  connectTimeoutMs: number;
  keepaliveSeconds: number;
  /** No report for this long: ask for the full state. */
  watchdogSilenceMs: number;
  /** No report for this long after that request: the printer is offline. */
  watchdogGraceMs: number;
  pushallMinIntervalMs: number;
  backoff: BackoffOptions;
  /** Larger packets from the printer end the session (see packet-guard.ts). */
  maxPacketBytes: number;
}

export const defaultMqttTimings: MqttTimings = {
  connectTimeoutMs: 15_000,
  keepaliveSeconds: 30,
  watchdogSilenceMs: 60_000,
  watchdogGraceMs: 15_000,
  pushallMinIntervalMs: 5 * 60_000,
  backoff: defaultBackoff,
  maxPacketBytes: mqttMaxPacketBytes(),
};

export interface MqttConnectionHandlers {
  /** Subscribed and ready for commands. */
  connected: () => void;
  message: (text: string) => void;
  /** A session or attempt ended; `willRetry` is false after auth/permanent failures and stop(). */
  disconnected: (failure: PrinterFailure, willRetry: boolean) => void;
}

export type MqttConnectionPhase = "idle" | "connecting" | "connected" | "waiting" | "stopped";

export interface MqttConnectionInfo {
  phase: MqttConnectionPhase;
  attempts: number;
  connectedSince: string | null;
  lastMessageAt: string | null;
  lastFailure: { kind: string; stage: string; message: string } | null;
  nextAttemptInMs: number | null;
  pushallsSent: number;
}

type Settings = Pick<BambuConnection, "host" | "mqttPort" | "serial" | "accessCode" | "tls" | "caCert">;

export class BambuMqttConnection {
  private readonly log;
  private readonly backoff: Backoff;
  private readonly watchdog: ReportWatchdog;
  private readonly pushallGate: PushallGate;
  private readonly sequence = new SequenceIds();
  private client: MqttClient | null = null;
  /** The previous client's shutdown; the next attempt waits for it (one connection at a time). */
  private closing: Promise<void> = Promise.resolve();
  private generation = 0;
  private running = false;
  private phase: MqttConnectionPhase = "idle";
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private nextAttemptAt: number | null = null;
  private connectedSince: number | null = null;
  private lastMessageAt: number | null = null;
  private lastFailure: PrinterFailure | null = null;
  private gotMessageThisSession = false;
  private pushallsSent = 0;

  constructor(
    private readonly settings: Settings,
    private readonly handlers: MqttConnectionHandlers,
    private readonly timings: MqttTimings = defaultMqttTimings,
  ) {
    this.log = logger("bambu", { serial: settings.serial });
    this.backoff = new Backoff(timings.backoff);
    this.pushallGate = new PushallGate(timings.pushallMinIntervalMs);
    this.watchdog = new ReportWatchdog({
      silenceMs: timings.watchdogSilenceMs,
      graceMs: timings.watchdogGraceMs,
      onSilence: () => this.requestFullState(true),
      onDead: () => this.endSession(new PrinterFailure("temporary", "timeout", failureKeys.noReport)),
    });
  }

  get reportTopic(): string {
    return `device/${this.settings.serial}/report`;
  }

  get requestTopic(): string {
    return `device/${this.settings.serial}/request`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.backoff.reset();
    void this.closing.then(() => this.attempt());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.phase = "stopped";
    this.clearReconnect();
    this.watchdog.stop();
    const client = this.client;
    this.generation += 1;
    this.client = null;
    if (client) this.closing = closeClient(client);
    await this.closing;
  }

  isConnected(): boolean {
    return this.phase === "connected";
  }

  nextSequenceId(): string {
    return this.sequence.next();
  }

  /** QoS 1 publish on the request topic; rejects with a PrinterFailure, never a library error. */
  publish(command: OutgoingCommand): Promise<void> {
    const client = this.client;
    if (!client || this.phase !== "connected") {
      return Promise.reject(new PrinterFailure("temporary", "protocol", failureKeys.notConnected));
    }
    return new Promise<void>((resolve, reject) => {
      client.publish(this.requestTopic, JSON.stringify(command.payload), { qos: 1 }, (error) => {
        if (error) reject(mqttFailure(error, "protocol"));
        else resolve();
      });
    });
  }

  /**
   * pushall at most every pushallMinIntervalMs; the watchdog may force one because a
   * silent printer is exactly when the full state is needed.
   */
  requestFullState(force: boolean): boolean {
    if (this.phase !== "connected" || !this.pushallGate.tryAcquire(force)) return false;
    this.pushallsSent += 1;
    this.publish(pushallCommand(this.sequence.next())).catch((error: unknown) => {
      this.log.debug({ err: error }, "pushall not sent");
    });
    return true;
  }

  info(): MqttConnectionInfo {
    const iso = (value: number | null) => (value === null ? null : new Date(value).toISOString());
    const failure = this.lastFailure;
    return {
      phase: this.phase,
      attempts: this.backoff.attempts,
      connectedSince: iso(this.connectedSince),
      lastMessageAt: iso(this.lastMessageAt),
      lastFailure: failure ? { kind: failure.kind, stage: failure.stage, message: failure.message } : null,
      nextAttemptInMs: this.nextAttemptAt === null ? null : Math.max(0, this.nextAttemptAt - Date.now()),
      pushallsSent: this.pushallsSent,
    };
  }

  private attempt(): void {
    this.nextAttemptAt = null;
    if (!this.running) return;
    const generation = ++this.generation;
    this.phase = "connecting";
    this.gotMessageThisSession = false;
    let transport: TrackedTlsSocket;
    let client: MqttClient;
    let failure: PrinterFailure | null = null;
    try {
      const tlsOptions = bambuTlsOptions(this.settings);
      const socket = connectTracked({ ...tlsOptions, host: this.settings.host, port: this.settings.mqttPort });
      transport = socket;
      watchPacketSizes(socket.socket, this.timings.maxPacketBytes, (announced) => {
        this.log.warn({ announced, max: this.timings.maxPacketBytes }, "printer sent an oversized MQTT packet; reconnecting");
        failure ??= new PrinterFailure("temporary", "protocol", failureKeys.packetTooLarge);
        socket.socket.destroy();
      });
      client = new MqttClient(() => socket.socket, {
        clientId: `printernizer_${randomBytes(6).toString("hex")}`,
        username: "bblp",
        password: this.settings.accessCode,
        protocolVersion: 4,
        clean: true,
        reconnectPeriod: 0,
        connectTimeout: this.timings.connectTimeoutMs,
        keepalive: this.timings.keepaliveSeconds,
        resubscribe: false,
        queueQoSZero: false,
      });
    } catch (error) {
      this.fail(generation, mqttFailure(error, "tls"));
      return;
    }
    this.client = client;
    client.on("error", (error) => {
      failure ??= mqttFailure(error, transport.stage());
      if (failure.kind !== "temporary") this.fail(generation, failure);
    });
    client.on("close", () => {
      this.fail(generation, failure ?? new PrinterFailure("temporary", transport.stage(), failureKeys.protocol));
    });
    client.on("connect", () => this.onConnect(generation, client));
    client.on("message", (_topic, payload) => this.onMessage(generation, payload));
  }

  private onConnect(generation: number, client: MqttClient): void {
    if (generation !== this.generation) return;
    client.subscribe(this.reportTopic, { qos: 0 }, (error, granted) => {
      if (generation !== this.generation) return;
      const refused = granted?.some((grant) => grant.qos === 128) ?? false;
      if (error || refused) {
        this.fail(generation, new PrinterFailure("permanent", "protocol", failureKeys.protocol, { cause: error }));
        return;
      }
      this.phase = "connected";
      this.connectedSince = Date.now();
      this.watchdog.feed();
      this.guard("connected", () => this.handlers.connected());
      this.requestFullState(false);
    });
  }

  private onMessage(generation: number, payload: Buffer): void {
    if (generation !== this.generation) return;
    this.lastMessageAt = Date.now();
    this.watchdog.feed();
    if (!this.gotMessageThisSession) {
      this.gotMessageThisSession = true;
      this.backoff.reset();
    }
    const text = payload.toString("utf8");
    this.guard("message", () => this.handlers.message(text));
  }

  /** Ends the current session from our side (watchdog) and reconnects. */
  private endSession(failure: PrinterFailure): void {
    this.fail(this.generation, failure);
  }

  private fail(generation: number, failure: PrinterFailure): void {
    if (generation !== this.generation || !this.running) return;
    this.generation += 1;
    this.watchdog.stop();
    this.lastFailure = failure;
    this.connectedSince = null;
    const client = this.client;
    this.client = null;
    if (client) this.closing = closeClient(client);
    const willRetry = failure.kind === "temporary";
    if (willRetry) {
      const delay = this.backoff.next();
      this.phase = "waiting";
      this.nextAttemptAt = Date.now() + delay;
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        void this.closing.then(() => this.attempt());
      }, delay);
      this.log.debug({ stage: failure.stage, delayMs: delay }, "mqtt reconnect scheduled");
    } else {
      this.running = false;
      this.phase = "stopped";
    }
    this.guard("disconnected", () => this.handlers.disconnected(failure, willRetry));
  }

  private clearReconnect(): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.nextAttemptAt = null;
  }

  private guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.log.error({ err: error, handler: what }, "bambu connection handler threw");
    }
  }
}

/** Ends a client without waiting for a peer that may be gone. */
function closeClient(client: MqttClient): Promise<void> {
  client.removeAllListeners("message");
  client.removeAllListeners("connect");
  client.on("error", () => undefined);
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      client.end(true);
      resolve();
    }, 1_000);
    client.end(false, {}, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
