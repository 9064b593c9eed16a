import { db } from "@/lib/db";
import { takeNamedLock } from "@/lib/db/named-lock";

/**
 * Exponential back-off for password checks, shared by every web replica through the
 * RateLimit table. A row per key: `count` is the number of failed checks in a row, `resetAt`
 * the earliest moment the next check may run. An attempt reserves its slot before the
 * password is looked at (read, decide and write under one lock), so parallel attempts
 * cannot all slip through; attempts refused during the back-off do not lengthen it, so the
 * owner gets in once the delay is over.
 */
export interface BackoffRule {
  /** Failed checks allowed before the first delay. */
  free: number;
  /** The first delay; each further failure doubles it. */
  baseMs: number;
  maxMs: number;
  /** A key with no failure for this long starts over. */
  forgetAfterMs: number;
}

export type Reservation = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const DAY = 24 * 3_600_000;

/** Per account and client address together, per client address, per account from anywhere. */
export const loginBackoff = {
  accountClient: { free: 5, baseMs: 1_000, maxMs: 15 * 60_000, forgetAfterMs: DAY },
  client: { free: 20, baseMs: 1_000, maxMs: 15 * 60_000, forgetAfterMs: DAY },
  // Generous and short: attempts from many addresses must not lock the owner out for long.
  account: { free: 50, baseMs: 1_000, maxMs: 60_000, forgetAfterMs: DAY },
} satisfies Record<string, BackoffRule>;

export function delayAfter(failures: number, rule: BackoffRule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxMs, rule.baseMs * 2 ** (failures - rule.free));
}

const lockTimeouts = { maxWait: 10_000, timeout: 10_000 };

/**
 * Takes the next check for every key at once, each counted as a failure until `clearKey`
 * says otherwise, or, when any key is still in its delay, takes none and says how long to
 * wait. All keys in one transaction: a refusal by one key must not count against another.
 */
export async function reserveCheck(entries: readonly { key: string; rule: BackoffRule }[], now = new Date()): Promise<Reservation> {
  const sorted = [...entries].sort((a, b) => a.key.localeCompare(b.key));
  return db.$transaction(async (tx) => {
    // Sorted, so two attempts never wait for each other's locks in opposite order.
    for (const { key } of sorted) await takeNamedLock(tx, key);
    // A write first: on SQLite it takes the write lock even when it matches no row.
    await tx.rateLimit.updateMany({ where: { key: { in: sorted.map((entry) => entry.key) } }, data: { count: { increment: 0 } } });
    const rows = new Map((await tx.rateLimit.findMany({ where: { key: { in: sorted.map((entry) => entry.key) } } })).map((row) => [row.key, row]));
    const failures = sorted.map(({ key, rule }) => {
      const row = rows.get(key);
      return !row || row.resetAt.getTime() + rule.forgetAfterMs <= now.getTime() ? 0 : row.count;
    });
    const waits = sorted.flatMap(({ key }, i) => {
      const row = rows.get(key);
      return row && failures[i] > 0 && row.resetAt > now ? [row.resetAt.getTime() - now.getTime()] : [];
    });
    if (waits.length > 0) return { allowed: false, retryAfterSeconds: Math.ceil(Math.max(...waits) / 1000) };
    for (const [i, { key, rule }] of sorted.entries()) {
      const resetAt = new Date(now.getTime() + delayAfter(failures[i] + 1, rule));
      await tx.rateLimit.upsert({ where: { key }, create: { key, count: 1, resetAt }, update: { count: failures[i] + 1, resetAt } });
    }
    return { allowed: true as const };
  }, lockTimeouts);
}

/** The check succeeded: the key starts over. */
export async function clearKey(key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}

/** Drops keys idle for longer than any rule remembers; called from a periodic cleanup. */
export async function purgeIdle(now = new Date()): Promise<number> {
  const maxForget = Math.max(...Object.values(loginBackoff).map((rule) => rule.forgetAfterMs + rule.maxMs));
  const { count } = await db.rateLimit.deleteMany({ where: { resetAt: { lte: new Date(now.getTime() - maxForget) } } });
  return count;
}
