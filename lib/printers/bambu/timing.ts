import type { BackoffOptions } from "@/lib/util/backoff";

/**
 * Time-based policies of the MQTT connection, kept free of I/O so they can be tested
 * with fake timers: reconnect backoff, the report watchdog and the pushall rate limit.
 */

/** Reconnects: 1 s doubling to a minute, each delay somewhere in its upper half. */
export const defaultBackoff: BackoffOptions = { initialMs: 1_000, maxMs: 60_000, factor: 2, jitter: 0.5 };

export interface WatchdogOptions {
  /** Silence after which the full state is requested. */
  silenceMs: number;
  /** Further silence after that request after which the printer counts as offline. */
  graceMs: number;
  onSilence: () => void;
  onDead: () => void;
}

/**
 * Printers report every 1-2 s while printing and every few seconds when idle. After
 * `silenceMs` without a report, ask for everything (pushall); if still nothing after
 * `graceMs`, give up on the connection.
 */
export class ReportWatchdog {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: WatchdogOptions) {}

  feed(): void {
    this.clear();
    this.timer = setTimeout(() => this.silent(), this.options.silenceMs);
  }

  stop(): void {
    this.clear();
  }

  private silent(): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.options.onDead();
    }, this.options.graceMs);
    this.options.onSilence();
  }

  private clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** P1P firmware struggles with frequent pushall: at most one per interval unless forced. */
export class PushallGate {
  private last: number | null = null;

  constructor(
    private readonly minIntervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  tryAcquire(force: boolean): boolean {
    const now = this.now();
    if (!force && this.last !== null && now - this.last < this.minIntervalMs) return false;
    this.last = now;
    return true;
  }
}
