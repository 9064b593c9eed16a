import type { Logger } from "@/lib/log/logger";

/**
 * Failures of one printer's pipeline, by kind ("db.status", "invalid_payload", …):
 * the first of a kind is logged, the rest only counted, and the recovery is logged once.
 * A printer that keeps failing thus cannot flood the log or slow the others.
 */
export class FaultLog {
  private readonly counts = new Map<string, number>();
  private readonly failing = new Map<string, number>();

  constructor(private readonly log: Logger) {}

  fail(kind: string, err: unknown): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    const streak = (this.failing.get(kind) ?? 0) + 1;
    this.failing.set(kind, streak);
    if (streak === 1) this.log.warn({ kind, err: describe(err) }, "printer pipeline fault (further ones of this kind are counted)");
  }

  ok(kind: string): void {
    const streak = this.failing.get(kind);
    if (streak === undefined) return;
    this.failing.delete(kind);
    this.log.info({ kind, failures: streak }, "printer pipeline recovered");
  }

  /** Runs `step`; a throw is recorded under `kind`, never passed on. */
  async guard(kind: string, step: () => Promise<unknown> | unknown): Promise<void> {
    try {
      await step();
      this.ok(kind);
    } catch (err) {
      this.fail(kind, err);
    }
  }

  totals(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 300);
  return String(err).slice(0, 300);
}
