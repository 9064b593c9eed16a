/**
 * Exponential backoff with jitter, never above maxMs: printers accept only a few
 * clients and their boards are small, so a fleet of workers must not retry in lockstep.
 */

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Fraction of the delay that is randomized (0 = none, 0.5 = delay in [50%, 100%]). */
  jitter: number;
  random?: () => number;
}

/** The delay before retry number `attempt` (0 for the first retry); `random` in [0, 1) picks within the jitter. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = options.random ?? Math.random): number {
  const exponent = Math.min(Math.max(attempt, 0), 30);
  const base = Math.min(options.maxMs, options.initialMs * options.factor ** exponent);
  const jitter = Math.min(Math.max(options.jitter, 0), 1);
  const delay = base * (1 - jitter * (1 - random()));
  return Math.max(0, Math.min(options.maxMs, Math.round(delay)));
}

/** A backoff that counts its own attempts. */
export class Backoff {
  private attempt = 0;

  constructor(private readonly options: BackoffOptions) {}

  get attempts(): number {
    return this.attempt;
  }

  next(): number {
    const delay = backoffDelay(this.attempt, this.options);
    this.attempt += 1;
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }
}
