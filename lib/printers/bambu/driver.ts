import { logger } from "@/lib/log/logger";
import { offlineState, PrinterFailure, type DownloadTarget, type DriverCommand, type DriverEvents, type NormalizedState, type PrinterDriver, type RemoteFile } from "@/lib/printers/types";
import type { BambuConnection } from "./kind";
import { captureSnapshot } from "./camera";
import { ackFailure, assertCanStart, driverCommand, getVersionCommand, PendingCommands, type OutgoingCommand } from "./commands";
import {
  BambuMqttConnection,
  defaultMqttTimings,
  type MqttConnectionHandlers,
  type MqttConnectionInfo,
  type MqttTimings,
} from "./client";
import { buildDiagnostics, type BambuDiagnostics } from "./diagnostics";
import { DriverEventBus } from "./events";
import { failureKeys } from "./failures";
import { BambuFiles, defaultFtpTimings, type FtpTimings } from "./files";
import { normalizeModel } from "./models";
import { ReportProcessor, type ProcessedMessage } from "./report-processor";

/** What the driver needs from its MQTT connection (BambuMqttConnection in production). */
export interface MqttTransport {
  start(): void;
  stop(): Promise<void>;
  publish(command: OutgoingCommand): Promise<void>;
  nextSequenceId(): string;
  isConnected(): boolean;
  info(): MqttConnectionInfo;
}

export interface BambuDriverOptions {
  mqtt?: Partial<MqttTimings>;
  ftp?: Partial<FtpTimings>;
  commandTimeoutMs?: number;
  cameraTimeoutMs?: number;
  now?: () => number;
  /** Replaces the MQTT connection, e.g. to replay recorded payloads. */
  createTransport?: (handlers: MqttConnectionHandlers) => MqttTransport;
}

/**
 * One Bambu printer: the only owner of its MQTT connection, FTPS sessions and camera
 * socket. Everything it reports leaves as typed events; everything that fails leaves
 * as a PrinterFailure.
 */
export class BambuDriver implements PrinterDriver {
  readonly kind = "bambu" as const;
  private readonly log;
  private readonly events;
  private readonly processor: ReportProcessor;
  private readonly transport: MqttTransport;
  private readonly files: BambuFiles;
  private readonly pending = new PendingCommands();
  private readonly now: () => number;
  private readonly commandTimeoutMs: number;
  private readonly cameraTimeoutMs: number;
  private online = false;
  private downReported = false;
  private lastEmitted: string | null = null;
  private invalidPayloads = 0;
  private lastInvalidReason: string | null = null;
  private cameraNoticeLogged = false;

  constructor(
    private readonly connection: BambuConnection,
    options: BambuDriverOptions = {},
  ) {
    this.log = logger("bambu", { serial: connection.serial.slice(-4), host: connection.host });
    this.events = new DriverEventBus(this.log);
    this.now = options.now ?? Date.now;
    this.commandTimeoutMs = options.commandTimeoutMs ?? 10_000;
    this.cameraTimeoutMs = options.cameraTimeoutMs ?? 10_000;
    this.processor = new ReportProcessor({ model: normalizeModel(connection.model) });
    const handlers: MqttConnectionHandlers = {
      connected: () => this.onConnected(),
      message: (text) => this.onMessage(text),
      disconnected: (failure, willRetry) => this.onDisconnected(failure, willRetry),
    };
    const timings: MqttTimings = { ...defaultMqttTimings, ...options.mqtt };
    this.transport = options.createTransport?.(handlers) ?? new BambuMqttConnection(connection, handlers, timings);
    this.files = new BambuFiles(connection, { ...defaultFtpTimings, ...options.ftp });
  }

  start(): void {
    this.transport.start();
  }

  async stop(): Promise<void> {
    this.events.clear();
    this.pending.rejectAll(new PrinterFailure("temporary", "protocol", failureKeys.stopped));
    await this.transport.stop();
    this.online = false;
  }

  current(): NormalizedState {
    const state = this.processor.state();
    return this.online && state ? state : offlineState(state ?? undefined);
  }

  on<E extends keyof DriverEvents>(event: E, listener: DriverEvents[E]): void {
    this.events.on(event, listener);
  }

  off<E extends keyof DriverEvents>(event: E, listener: DriverEvents[E]): void {
    this.events.off(event, listener);
  }

  async command(cmd: DriverCommand): Promise<void> {
    try {
      if (cmd.action === "start") assertCanStart(this.processor.gcodeState());
      const outgoing = driverCommand(cmd, this.transport.nextSequenceId());
      await this.send(outgoing);
      if (cmd.action === "stop") this.publishState(this.processor.noteStopRequested(this.now()));
    } catch (error) {
      throw this.asFailure(error);
    }
  }

  listFiles(): Promise<RemoteFile[]> {
    return this.files.list();
  }

  download(path: string, target: DownloadTarget): Promise<{ bytes: number; resumed: boolean }> {
    return this.files.download(path, target);
  }

  upload(path: string, source: NodeJS.ReadableStream, size: number): Promise<void> {
    return this.files.upload(path, source, size);
  }

  deleteFile(path: string): Promise<void> {
    return this.files.remove(path);
  }

  async snapshot(): Promise<Buffer | null> {
    const result = await captureSnapshot(
      { ...this.connection, model: this.processor.currentModel() },
      { timeoutMs: this.cameraTimeoutMs },
    ).catch((error: unknown) => {
      throw this.asFailure(error);
    });
    if (result.frame === null) {
      if (!this.cameraNoticeLogged) this.log.info({ reason: result.reason }, "camera snapshots not supported on this model");
      this.cameraNoticeLogged = true;
      return null;
    }
    return result.frame;
  }

  diagnostics(): BambuDiagnostics {
    return buildDiagnostics({
      connection: this.connection,
      mqtt: this.transport.info(),
      online: this.online,
      model: this.processor.currentModel(),
      firmware: this.processor.currentFirmware(),
      state: this.current(),
      rawState: this.processor.rawState(),
      lastMessage: this.processor.lastRawMessage(),
      invalidPayloads: this.invalidPayloads,
      lastInvalidReason: this.lastInvalidReason,
    });
  }

  /** Publishes and waits for the ack with the same sequence_id. */
  private async send(outgoing: OutgoingCommand): Promise<void> {
    const ack = this.pending.wait(outgoing.sequenceId, this.commandTimeoutMs);
    this.transport.publish(outgoing).catch((error: unknown) => this.pending.cancel(outgoing.sequenceId, this.asFailure(error)));
    const reply = await ack.catch((error: unknown) => {
      const failure = this.asFailure(error);
      if (failure.stage === "timeout" && this.processor.state()?.developerModeRequired) {
        throw new PrinterFailure("permanent", "developer_mode", failureKeys.developerMode, { cause: failure });
      }
      throw failure;
    });
    const refused = ackFailure(reply);
    if (refused) throw refused;
  }

  private onConnected(): void {
    const request = getVersionCommand(this.transport.nextSequenceId());
    this.transport.publish(request).catch((error: unknown) => this.log.debug({ err: error }, "get_version not sent"));
  }

  private onMessage(text: string): void {
    for (const outcome of this.processor.process(text, this.now())) this.apply(outcome);
  }

  private apply(outcome: ProcessedMessage): void {
    switch (outcome.kind) {
      case "invalid":
        this.invalidPayloads += 1;
        this.lastInvalidReason = outcome.reason;
        this.log.debug({ reason: outcome.reason }, "invalid payload");
        this.events.emitInvalidPayload(outcome.reason);
        return;
      case "ack":
        this.pending.settle(outcome.ack);
        return;
      case "version":
        this.log.debug({ firmware: outcome.firmware, model: outcome.model }, "printer version");
        return;
      case "state":
        if (outcome.report) this.markOnline();
        if (this.online) this.publishState(outcome.state);
        return;
    }
  }

  private markOnline(): void {
    if (this.online) return;
    this.online = true;
    if (this.downReported) this.log.info("printer connection restored");
    else this.log.info("printer connected");
    this.downReported = false;
    this.events.emitConnection(true);
  }

  private onDisconnected(failure: PrinterFailure, willRetry: boolean): void {
    this.pending.rejectAll(failure);
    const wasOnline = this.online;
    this.online = false;
    if (wasOnline || !this.downReported || !willRetry) {
      const details = { kind: failure.kind, stage: failure.stage, reason: failure.message, retrying: willRetry };
      if (willRetry) this.log.warn(details, "printer unavailable");
      else this.log.error(details, "printer connection stopped");
      this.downReported = true;
      this.events.emitConnection(false, failure);
    }
    if (wasOnline) this.publishState(offlineState(this.processor.state() ?? undefined));
  }

  /** Emits only when the normalized state really changed (deltas often change nothing we map). */
  private publishState(state: NormalizedState | null): void {
    if (!state) return;
    const visible = state.online && !this.online ? offlineState(state) : state;
    const serialized = JSON.stringify(visible);
    if (serialized === this.lastEmitted) return;
    this.lastEmitted = serialized;
    this.events.emitState(visible, this.processor.rawState());
  }

  private asFailure(error: unknown): PrinterFailure {
    if (error instanceof PrinterFailure) return error;
    return new PrinterFailure("temporary", "protocol", failureKeys.protocol, { cause: error });
  }
}
