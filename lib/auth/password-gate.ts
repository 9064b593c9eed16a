/**
 * Bounds the password checks one process runs at once: each costs tens of MiB and a core
 * for ~100 ms, so a flood of logins must queue, and past the queue be turned away, instead
 * of exhausting memory or starving every other request.
 */
export class PasswordGateFull extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("too many password checks at once");
    this.name = "PasswordGateFull";
  }
}

export class PasswordGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly maxRunning: number,
    private readonly maxWaiting: number,
  ) {}

  /** True when a new check would be turned away. */
  get full(): boolean {
    return this.running >= this.maxRunning && this.waiting.length >= this.maxWaiting;
  }

  async run<T>(check: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxRunning) {
      if (this.waiting.length >= this.maxWaiting) throw new PasswordGateFull(RETRY_AFTER_SECONDS);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await check();
    } finally {
      // Hand the slot straight to the next waiter; only free it when nobody waits.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

export const RETRY_AFTER_SECONDS = 5;
