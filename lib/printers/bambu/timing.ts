/**
 * Time-based policies of the MQTT connection, kept free of I/O so they can be tested
 * with fake timers: reconnect backoff, the report watchdog and the pushall rate limit.
 */

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Fraction of the delay that is randomized (0 = none, 0.5 = delay in [50%, 100%]). */
  jitter: number;
  random?: () => number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 1_000, maxMs: 60_000, factor: 2, jitter: 0.5 };

/**
 * Exponential backoff with jitter, never above maxMs: printers accept only a few
 * clients, so a fleet of workers must not reconnect in lockstep.
 */
export class Backoff {
  private attempt = 0;
  private readonly random: () => number;

  constructor(private readonly options: BackoffOptions = defaultBackoff) {
    this.random = options.random ?? Math.random;
  }

  get attempts(): number {
    return this.attempt;
  }

  next(): number {
    const exponent = Math.min(this.attempt, 30);
    this.attempt += 1;
    const base = Math.min(this.options.maxMs, this.options.initialMs * this.options.factor ** exponent);
    const jitter = Math.min(Math.max(this.options.jitter, 0), 1);
    const delay = base * (1 - jitter * this.random());
    return Math.max(0, Math.min(this.options.maxMs, Math.round(delay)));
  }

  reset(): void {
    this.attempt = 0;
  }
}

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
