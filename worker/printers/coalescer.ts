/**
 * Latest-value-wins rate limit with two speeds. Routine values (telemetry) go out at most
 * once per `minIntervalMs`; a value marked urgent (a state change a viewer must see now)
 * goes out as soon as `urgentIntervalMs` has passed since the last emission, so a pause
 * or an error is not held back behind a temperature update. The first value after a
 * quiet period goes out at once; values arriving faster are folded into one trailing
 * emission carrying the newest. Emissions never overlap.
 */
export interface CoalescerOptions<T> {
  minIntervalMs: number;
  /** Floor between emissions when an urgent value is pending; bounds a flapping printer. */
  urgentIntervalMs: number;
  emit: (value: T) => Promise<void>;
  onError: (err: unknown) => void;
  now?: () => number;
}

export class Coalescer<T> {
  private pending: { value: T; urgent: boolean } | null = null;
  private lastStart = Number.NEGATIVE_INFINITY;
  private timer: { handle: ReturnType<typeof setTimeout>; at: number } | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly opts: CoalescerOptions<T>) {
    this.now = opts.now ?? Date.now;
  }

  push(value: T, urgent = false): void {
    if (this.stopped) return;
    this.pending = { value, urgent: urgent || (this.pending?.urgent ?? false) };
    this.schedule();
  }

  /** Emits what is pending now (waiting for an emission in progress), e.g. before stopping. */
  async flush(): Promise<void> {
    this.clearTimer();
    await this.running;
    await this.fire();
  }

  async stop(): Promise<void> {
    await this.flush();
    this.stopped = true;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer.handle);
    this.timer = null;
  }

  private schedule(): void {
    if (this.running || !this.pending) return;
    const interval = this.pending.urgent ? this.opts.urgentIntervalMs : this.opts.minIntervalMs;
    const at = this.lastStart + interval;
    // An urgent value may move a routine timer earlier, never later.
    if (this.timer && this.timer.at <= at) return;
    this.clearTimer();
    const wait = at - this.now();
    if (wait <= 0) {
      void this.fire();
      return;
    }
    this.timer = {
      at,
      handle: setTimeout(() => {
        this.timer = null;
        void this.fire();
      }, wait),
    };
  }

  private async fire(): Promise<void> {
    const pending = this.pending;
    if (!pending || this.running) return;
    this.pending = null;
    this.lastStart = this.now();
    const run = this.opts
      .emit(pending.value)
      .catch((err: unknown) => this.opts.onError(err))
      .finally(() => {
        this.running = null;
      });
    this.running = run;
    await run;
    this.schedule();
  }
}
