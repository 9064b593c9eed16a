import { db } from "@/lib/db";
import { isUniqueViolation } from "./db-errors";

export interface RateLimitRule {
  /** Failures allowed in one window; the next attempt is refused. */
  limit: number;
  windowMs: number;
}

export interface RateLimitState {
  count: number;
  limited: boolean;
  /** Seconds until the window ends; 0 when no window is open. */
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters in the RateLimit table, so every web replica sees the same
 * counts. Each change is one statement the database applies atomically.
 */
export async function peek(key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitState> {
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (!row || row.resetAt <= now) return { count: 0, limited: false, retryAfterSeconds: 0 };
  return stateOf(row.count, row.resetAt, rule, now);
}

export async function hit(key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitState> {
  await db.rateLimit.deleteMany({ where: { key, resetAt: { lte: now } } });
  const resetAt = new Date(now.getTime() + rule.windowMs);
  try {
    const row = await increment(key, resetAt);
    return stateOf(row.count, row.resetAt, rule, now);
  } catch (error) {
    // Two replicas creating the same fresh row: the loser's insert fails, a retry increments.
    if (!isUniqueViolation(error)) throw error;
    const row = await increment(key, resetAt);
    return stateOf(row.count, row.resetAt, rule, now);
  }
}

export async function reset(key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}

/** Drops expired windows; cheap enough to call from a periodic cleanup. */
export async function purgeExpired(now = new Date()): Promise<number> {
  const { count } = await db.rateLimit.deleteMany({ where: { resetAt: { lte: now } } });
  return count;
}

function increment(key: string, resetAt: Date) {
  return db.rateLimit.upsert({
    where: { key },
    create: { key, count: 1, resetAt },
    update: { count: { increment: 1 } },
  });
}

function stateOf(count: number, resetAt: Date, rule: RateLimitRule, now: Date): RateLimitState {
  return {
    count,
    limited: count >= rule.limit,
    retryAfterSeconds: Math.max(0, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)),
  };
}
