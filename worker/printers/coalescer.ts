/**
 * Latest-value-wins rate limit: at most one emission per `minIntervalMs`. The first
 * value after a quiet period goes out at once; values arriving faster are folded into
 * one trailing emission carrying the newest. Emissions never overlap.
 */
export class Coalescer<T> {
  private pending: { value: T } | null = null;
  private lastStart = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly minIntervalMs: number,
    private readonly emit: (value: T) => Promise<void>,
    private readonly onError: (err: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  push(value: T): void {
    if (this.stopped) return;
    this.pending = { value };
    this.schedule();
  }

  /** Emits what is pending now (waiting for an emission in progress), e.g. before stopping. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    await this.fire();
  }

  async stop(): Promise<void> {
    await this.flush();
    this.stopped = true;
  }

  private schedule(): void {
    if (this.timer || this.running || !this.pending) return;
    const wait = this.lastStart + this.minIntervalMs - this.now();
    if (wait <= 0) {
      void this.fire();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.fire();
    }, wait);
  }

  private async fire(): Promise<void> {
    const pending = this.pending;
    if (!pending || this.running) return;
    this.pending = null;
    this.lastStart = this.now();
    const run = this.emit(pending.value)
      .catch((err: unknown) => this.onError(err))
      .finally(() => {
        this.running = null;
      });
    this.running = run;
    await run;
    this.schedule();
  }
}
