import type { ConnectionProblem } from "@/lib/alerts/rules";
import type { AlertSettings } from "@/lib/alerts/settings";
import type { CommandPayload } from "@/lib/catalog/commands";
import { appendEvent } from "@/lib/events/append";
import { printerEventSchemas } from "@/lib/printers/events";
import { logger, type Logger } from "@/lib/log/logger";
import { startBlocker } from "@/lib/printers/startable";
import { withTimeout } from "@/lib/util/with-timeout";
import {
  PrinterFailure,
  type DriverCommand,
  type DriverEvents,
  type NormalizedState,
  type PrinterDriver,
  type PrinterKind,
} from "@/lib/printers/types";
import { AlertEvaluator, type RaisedNotice } from "./alert-evaluator";
import type { SupervisorConfig } from "./config";
import { FaultLog } from "./faults";
import { JobTracker } from "./job-tracker";
import { readRemoteMetadata } from "./remote-metadata";
import { TemperatureSampler } from "./sampler";
import { SnapshotCache } from "./snapshot-cache";
import { StateWriter } from "./state-writer";
import type { StatusBatch } from "./status-batch";

/**
 * Everything the worker does for one printer: its driver's events go to the state
 * writer at once (coalesced there) and, in order, through job tracking, temperature
 * sampling and alert rules. Each step is guarded: a failing step is logged once and
 * counted, and neither stops this printer's other steps nor touches other printers.
 */

export interface PrinterInfo {
  readonly id: string;
  name: string;
  readonly kind: PrinterKind;
}

export interface SessionDeps {
  config: SupervisorConfig;
  settings: () => AlertSettings;
  raised: (printer: PrinterInfo, notice: RaisedNotice) => void;
  /** Removes this printer's secrets from text that is stored (raw payloads). */
  scrub: (text: string) => string;
  now: () => number;
  /** The worker's one batch of status rows and state events, shared by every printer. */
  statusBatch: StatusBatch;
}

/** A command refused or failed; the message is a key under "printerErrors". */
export class CommandRefused extends Error {
  override name = "CommandRefused";
}

/** Pending states kept while the pipeline is busy; beyond this a flood is thinned. */
const MAX_PENDING = 50;

function sameStep(a: NormalizedState, b: NormalizedState): boolean {
  return a.online === b.online && a.state === b.state && a.printerJobId === b.printerJobId;
}

function driverCommandOf(payload: CommandPayload<"printer.command">): DriverCommand {
  if (payload.action !== "start") return { action: payload.action };
  if (!payload.path) throw new CommandRefused("command.failed");
  return { action: "start", path: payload.path, plate: payload.plate, amsMapping: payload.amsMapping };
}

export class PrinterSession {
  readonly faults: FaultLog;
  private readonly log: Logger;
  private readonly writer: StateWriter;
  private readonly sampler: TemperatureSampler;
  private readonly jobs: JobTracker;
  private readonly alerts: AlertEvaluator;
  private readonly snapshots: SnapshotCache;
  private pending: NormalizedState[] = [];
  private chain: Promise<void> = Promise.resolve();
  private draining = false;
  private tick: ReturnType<typeof setInterval> | null = null;
  private connectionProblem: ConnectionProblem | null = null;
  private everOnline = false;
  private stopped = false;
  /** When the driver gave up (auth or permanent failure); the supervisor retries it later. */
  haltedAt: number | null = null;
  readonly counters = { states: 0, thinned: 0, invalidPayloads: 0 };

  constructor(
    readonly printer: PrinterInfo,
    private readonly driver: PrinterDriver,
    private readonly deps: SessionDeps,
  ) {
    this.log = logger("printer", { printerId: printer.id, kind: printer.kind });
    this.faults = new FaultLog(this.log);
    const { config, now } = deps;
    this.writer = new StateWriter(printer.id, this.faults, deps.statusBatch, {
      eventMinIntervalMs: config.eventMinIntervalMs,
      urgentEventMinIntervalMs: config.urgentEventMinIntervalMs,
      statusHeartbeatMs: config.statusHeartbeatMs,
      rawEveryMs: config.rawEveryMs,
      now,
      scrub: deps.scrub,
    });
    this.sampler = new TemperatureSampler(printer.id, { printingMs: config.samplePrintingMs, idleMs: config.sampleIdleMs });
    this.alerts = new AlertEvaluator(printer.id, {
      settings: deps.settings,
      raised: (notice) => deps.raised(printer, notice),
      now,
    });
    this.jobs = new JobTracker(
      printer.id,
      {
        started: () => this.alerts.jobStarted(),
        closed: (job) => this.alerts.jobClosed(job),
      },
      { progressWriteMs: config.progressWriteMs, now, readRemote: (path) => readRemoteMetadata(driver, printer.id, path) },
    );
    this.snapshots = new SnapshotCache(config.snapshotTtlMs, now);
  }

  get eventsAppended(): number {
    return this.writer.events;
  }

  get samplesTaken(): number {
    return this.sampler.samples;
  }

  current(): NormalizedState {
    return this.driver.current();
  }

  /** The name alerts and notifications use. */
  rename(name: string): void {
    this.printer.name = name;
  }

  openAlertTypes(): string[] {
    return this.alerts.openTypes();
  }

  async start(): Promise<void> {
    await this.jobs.load();
    await this.alerts.load();
    this.driver.on("state", this.onState);
    this.driver.on("connection", this.onConnection);
    this.driver.on("invalidPayload", this.onInvalidPayload);
    this.driver.start();
    this.tick = setInterval(() => this.enqueue(this.driver.current()), this.deps.config.alertTickMs);
    this.tick.unref();
  }

  /** Stops the driver and writes what is pending; `finalState` is stored as the last state. */
  async stop(finalState?: NormalizedState): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.tick) clearInterval(this.tick);
    this.driver.off("state", this.onState);
    this.driver.off("connection", this.onConnection);
    this.driver.off("invalidPayload", this.onInvalidPayload);
    await this.faults.guard("driver.stop", () => this.driver.stop());
    await this.exclusive(() => this.faults.guard("db.job", () => this.jobs.flush()));
    await this.faults.guard("db.status", () => (finalState ? this.writer.final(finalState) : this.writer.stop()));
    // A disabled printer is no longer watched: nothing could ever resolve its alerts.
    if (finalState) await this.faults.guard("db.alert", () => this.alerts.resolveAll());
  }

  async command(payload: CommandPayload<"printer.command">): Promise<{ action: string; state: string }> {
    const current = this.driver.current();
    if (!current.online) throw new CommandRefused("command.notConnected");
    if (payload.action === "start" && startBlocker(current) === "busy") throw new CommandRefused("command.printerBusy");
    const cmd = driverCommandOf(payload);
    const stoppedJob = payload.action === "stop" ? await this.exclusive(() => this.jobs.markStopRequested()) : null;
    try {
      await withTimeout(this.driver.command(cmd), this.deps.config.commandTimeoutMs, () => new CommandRefused("command.timeout"));
    } catch (error) {
      if (stoppedJob) await this.exclusive(() => this.faults.guard("db.job", () => this.jobs.clearStopRequested(stoppedJob)));
      if (error instanceof PrinterFailure || error instanceof CommandRefused) throw error;
      this.faults.fail("command", error);
      throw new CommandRefused("command.failed");
    }
    this.log.info({ action: payload.action }, "command carried out");
    return { action: payload.action, state: this.driver.current().state };
  }

  snapshot(): Promise<Buffer | null> {
    return this.snapshots.get(() => this.driver.snapshot());
  }

  /** The driver itself, so file transfers reuse this printer's one connection (worker/files). */
  fileDriver(): PrinterDriver {
    return this.driver;
  }

  private readonly onState: DriverEvents["state"] = (state, raw) => {
    try {
      this.counters.states += 1;
      this.writer.offer(state, raw);
      this.enqueue(state);
    } catch (err) {
      this.faults.fail("listener.state", err);
    }
  };

  private readonly onConnection: DriverEvents["connection"] = (online, failure) => {
    try {
      const wasOnline = this.everOnline;
      if (online) {
        this.everOnline = true;
        this.connectionProblem = null;
        this.haltedAt = null;
      } else if (failure && (failure.kind === "auth" || failure.kind === "permanent")) {
        this.connectionProblem = { kind: failure.kind, stage: failure.stage, messageKey: failure.message };
        this.haltedAt = this.deps.now();
      }
      this.writer.connection(online, failure, wasOnline);
      if (!online) this.writer.offer(this.driver.current(), null);
      const payload = {
        online,
        failure: failure ? { kind: failure.kind, stage: failure.stage, messageKey: failure.message } : null,
      };
      void this.faults.guard("db.event", () => appendEvent(printerEventSchemas, "printer.connection", payload, this.printer.id));
      this.enqueue(this.driver.current());
    } catch (err) {
      this.faults.fail("listener.connection", err);
    }
  };

  private readonly onInvalidPayload: DriverEvents["invalidPayload"] = (reason) => {
    this.counters.invalidPayloads += 1;
    this.faults.fail("invalid_payload", reason);
  };

  private enqueue(state: NormalizedState): void {
    if (this.stopped) return;
    const last = this.pending[this.pending.length - 1];
    if (last && sameStep(last, state)) this.pending[this.pending.length - 1] = state;
    else this.pending.push(state);
    if (this.pending.length > MAX_PENDING) {
      this.counters.thinned += this.pending.length - MAX_PENDING;
      this.pending.splice(0, this.pending.length - MAX_PENDING);
    }
    if (!this.draining) {
      this.draining = true;
      void this.exclusive(() => this.drain());
    }
  }

  private async drain(): Promise<void> {
    try {
      for (let state = this.pending.shift(); state; state = this.pending.shift()) {
        await this.process(state);
      }
    } finally {
      this.draining = false;
    }
  }

  private async process(state: NormalizedState): Promise<void> {
    await this.faults.guard("db.job", () => this.jobs.observe(state));
    await this.faults.guard("db.sample", () => this.sampler.offer(state, this.deps.now()));
    await this.faults.guard("db.alert", () => this.alerts.evaluate(state, this.jobs.current() !== null, this.connectionProblem));
  }

  /** Runs `step` after every step queued before it: job rows see one writer at a time. */
  private exclusive<T>(step: () => Promise<T>): Promise<T> {
    const run = this.chain.then(step);
    this.chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
}
