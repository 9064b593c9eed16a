import type { Logger } from "@/lib/log/logger";
import {
  emptyState,
  offlineState,
  PrinterFailure,
  type DriverEvents,
  type NormalizedState,
} from "@/lib/printers/types";
import { backoffDelay } from "@/lib/util/backoff";
import type { TypedEmitter } from "./events";
import { failure, failureKeys, isInvalidPayload } from "./failures";
import type { StateReader } from "./snapshot";

/**
 * The poll coordinator (Home Assistant's DataUpdateCoordinator): it alone decides
 * when the printer is asked, and it asks again only after the previous poll has
 * finished, never on a free-running interval. It polls gently while idle, faster
 * while printing and for a short while after a command, backs off with jitter when
 * the printer fails or is slow, and reports down/up once per transition.
 */

export interface PollOptions {
  idleIntervalMs: number;
  printingIntervalMs: number;
  /** Interval while a command's effect is awaited. */
  afterCommandIntervalMs: number;
  afterCommandWindowMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Consecutive failed polls before the printer is reported offline. */
  offlineAfterFailures: number;
  /**
   * The share of the board's time our polls may take: a poll that took d ms is
   * followed by a pause of at least d × (1 − share) / share. A slow board thus
   * gets polled less, instead of being pushed over (which has happened).
   */
  maxBoardShare: number;
  random: () => number;
}

export const defaultPollOptions: PollOptions = {
  idleIntervalMs: 30_000,
  printingIntervalMs: 5_000,
  afterCommandIntervalMs: 2_000,
  afterCommandWindowMs: 30_000,
  backoffBaseMs: 5_000,
  backoffMaxMs: 120_000,
  offlineAfterFailures: 3,
  maxBoardShare: 0.2,
  random: Math.random,
};

export interface PollStats {
  polls: number;
  consecutiveFailures: number;
  lastFailure: { kind: string; stage: string; message: string } | null;
  lastPollMs: number;
  nextPollInMs: number | null;
  online: boolean | null;
  halted: boolean;
}

export class PollCoordinator {
  private readonly options: PollOptions;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private dueAt: number | null = null;
  private inFlight: Promise<void> | null = null;
  private started = false;
  private stopped = false;
  /** Set by auth and permanent failures: asking again cannot help. */
  private halted = false;
  private failures = 0;
  private lastFailure: PrinterFailure | null = null;
  private online: boolean | null = null;
  /** The kind of failure last reported with connection(false). */
  private reportedKind: PrinterFailure["kind"] | null = null;
  private state: NormalizedState = emptyState();
  private lastEmitted: string | null = null;
  private fastUntil = 0;
  private lastPollMs = 0;
  /** What the last poll cost the printer; bounds how soon it is asked again. */
  private lastBoardMs = 0;
  private polls = 0;

  constructor(
    private readonly reader: StateReader,
    private readonly events: TypedEmitter<DriverEvents>,
    private readonly log: Logger,
    options: Partial<PollOptions> = {},
  ) {
    this.options = { ...defaultPollOptions, ...options };
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.schedule(0);
  }

  /** Stops scheduling at once; resolves when a poll still running has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.inFlight;
  }

  current(): NormalizedState {
    return this.state;
  }

  /** After a command: poll soon and keep polling fast for a while (prusalink's expect_change). */
  expectChange(): void {
    this.fastUntil = Date.now() + this.options.afterCommandWindowMs;
    this.pollWithin(this.options.afterCommandIntervalMs);
  }

  /** Asks for a poll no later than `delayMs` from now, unless one is running. */
  pollWithin(delayMs: number): void {
    if (!this.started || this.stopped || this.halted || this.inFlight) return;
    if (this.dueAt !== null && this.dueAt <= Date.now() + delayMs) return;
    this.schedule(delayMs);
  }

  stats(): PollStats {
    const f = this.lastFailure;
    return {
      polls: this.polls,
      consecutiveFailures: this.failures,
      lastFailure: f ? { kind: f.kind, stage: f.stage, message: f.message } : null,
      lastPollMs: this.lastPollMs,
      nextPollInMs: this.dueAt === null ? null : Math.max(0, this.dueAt - Date.now()),
      online: this.online,
      halted: this.halted,
    };
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dueAt = null;
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    this.dueAt = Date.now() + delayMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.dueAt = null;
      this.inFlight = this.pollOnce().finally(() => {
        this.inFlight = null;
        if (!this.stopped && !this.halted) this.schedule(this.nextDelay());
      });
    }, delayMs);
  }

  private async pollOnce(): Promise<void> {
    const started = Date.now();
    this.polls += 1;
    let boardMs: number | undefined;
    try {
      const result = await this.reader.read();
      boardMs = result.boardMs;
      if (!this.stopped) this.onSuccess(result.state, result.raw);
    } catch (err) {
      if (!this.stopped) this.onFailure(err instanceof PrinterFailure ? err : this.unexpected(err));
    } finally {
      this.lastPollMs = Date.now() - started;
      this.lastBoardMs = boardMs ?? this.lastPollMs;
    }
  }

  /** Anything that is not a PrinterFailure here is a bug in this driver; it must not stop the loop. */
  private unexpected(err: unknown): PrinterFailure {
    if (this.failures === 0) this.log.error({ err }, "unexpected error while polling");
    return failure("temporary", "protocol", failureKeys.invalidPayload, err);
  }

  private onSuccess(state: NormalizedState, raw: unknown): void {
    this.failures = 0;
    this.lastFailure = null;
    if (this.online !== true) {
      if (this.online === false) this.log.info("printer reachable again");
      this.online = true;
      this.events.emit("connection", true);
    }
    this.state = state;
    const serialized = JSON.stringify(state);
    if (serialized !== this.lastEmitted) {
      this.lastEmitted = serialized;
      this.events.emit("state", state, raw);
    }
  }

  private onFailure(f: PrinterFailure): void {
    this.failures += 1;
    this.lastFailure = f;
    if (isInvalidPayload(f)) {
      const reason = f.cause instanceof Error ? f.cause.message : f.message;
      this.events.emit("invalidPayload", reason);
    }
    const fatal = f.kind === "auth" || f.kind === "permanent";
    if (fatal) this.halted = true;
    if (fatal || this.failures >= this.options.offlineAfterFailures) this.goOffline(f);
    else this.log.debug({ stage: f.stage, key: f.message, failures: this.failures }, "poll failed");
  }

  private goOffline(f: PrinterFailure): void {
    // Already reported down: say it again only when the reason turns fatal (e.g. the password was changed).
    if (this.online === false && (f.kind === "temporary" || this.reportedKind !== "temporary")) return;
    const details = { kind: f.kind, stage: f.stage, key: f.message, detail: f.cause instanceof Error ? f.cause.message : undefined };
    if (f.kind === "temporary") this.log.warn(details, "printer unreachable");
    else this.log.error(details, "printer refuses us; polling stopped");
    const wasOnline = this.online !== false;
    this.online = false;
    this.reportedKind = f.kind;
    this.events.emit("connection", false, f);
    if (!wasOnline) return;
    this.reader.reset();
    this.state = offlineState(this.state);
    this.lastEmitted = JSON.stringify(this.state);
    this.events.emit("state", this.state, null);
  }

  private nextDelay(): number {
    const o = this.options;
    if (this.failures > 0) {
      return backoffDelay(this.failures - 1, { initialMs: o.backoffBaseMs, maxMs: o.backoffMaxMs, factor: 2, jitter: 0.5 }, o.random);
    }
    const active = this.state.state === "printing" || this.state.state === "preparing";
    const base =
      Date.now() < this.fastUntil ? o.afterCommandIntervalMs : active ? o.printingIntervalMs : o.idleIntervalMs;
    const restForBoard = (this.lastBoardMs * (1 - o.maxBoardShare)) / o.maxBoardShare;
    return Math.round(Math.min(o.backoffMaxMs, Math.max(base, restForBoard)));
  }
}
