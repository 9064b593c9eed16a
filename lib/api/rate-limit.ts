import { z } from "zod";
import { db } from "@/lib/db";

/** What a request spends: reads, writes, exports (CSV/DATEV) and event stream connections. */
export const rateBudgets = ["read", "write", "export", "stream"] as const;
export type RateBudget = (typeof rateBudgets)[number];

/** Who a request is counted against; a request counts against each of its subjects. */
export interface RateSubject {
  kind: "token" | "user" | "address";
  id: string;
}

export interface RateLimitConfig {
  enabled: boolean;
  windowMs: number;
  /** Requests per window for one token or one user. */
  perSubject: Record<RateBudget, number>;
  /** A client address serves several people behind one router: it gets this many times the budget. */
  addressFactor: number;
}

const count = z.coerce.number().int().min(1);
const schema = z.object({
  PRINTERNIZER_RATE_LIMIT: z.enum(["on", "off"]).default("on"),
  PRINTERNIZER_RATE_LIMIT_WINDOW_S: count.default(60),
  // Ten dashboard tabs polling every few seconds stay far below these.
  PRINTERNIZER_RATE_LIMIT_READ: count.default(1_200),
  PRINTERNIZER_RATE_LIMIT_WRITE: count.default(300),
  PRINTERNIZER_RATE_LIMIT_EXPORT: count.default(30),
  // Browsers reconnect every 2 s while the server is away: ten tabs for two minutes fit.
  PRINTERNIZER_RATE_LIMIT_STREAM: count.default(120),
  PRINTERNIZER_RATE_LIMIT_ADDRESS_FACTOR: count.default(4),
});

export function rateLimitConfig(source: Record<string, string | undefined> = process.env): RateLimitConfig {
  const e = schema.parse(source);
  return {
    enabled: e.PRINTERNIZER_RATE_LIMIT === "on",
    windowMs: e.PRINTERNIZER_RATE_LIMIT_WINDOW_S * 1000,
    perSubject: {
      read: e.PRINTERNIZER_RATE_LIMIT_READ,
      write: e.PRINTERNIZER_RATE_LIMIT_WRITE,
      export: e.PRINTERNIZER_RATE_LIMIT_EXPORT,
      stream: e.PRINTERNIZER_RATE_LIMIT_STREAM,
    },
    addressFactor: e.PRINTERNIZER_RATE_LIMIT_ADDRESS_FACTOR,
  };
}

export interface RateDecision {
  allowed: boolean;
  /** The tightest subject's limit and what is left of it in this window. */
  limit: number;
  remaining: number;
  /** Seconds until the window ends. */
  resetSeconds: number;
}

const KEY_PREFIX = "api:";
let lastPurgedWindow = 0;

/**
 * Counts one request against each subject in a fixed window shared by every replica
 * through the RateLimit table: one row per subject, budget and window, bumped by a single
 * upsert each (no read-then-write transaction). Refused requests count too, so a client
 * hammering a closed window does not get a fresh one sooner.
 */
export async function consumeRate(
  budget: RateBudget,
  subjects: readonly RateSubject[],
  config: RateLimitConfig,
  now = Date.now(),
): Promise<RateDecision> {
  const windowStart = Math.floor(now / config.windowMs) * config.windowMs;
  const resetAt = new Date(windowStart + config.windowMs);
  const resetSeconds = Math.max(1, Math.ceil((resetAt.getTime() - now) / 1000));
  const counted = await Promise.all(
    subjects.map(async (subject) => {
      const key = `${KEY_PREFIX}${budget}:${subject.kind}:${subject.id}:${windowStart}`;
      const row = await db.rateLimit.upsert({
        where: { key },
        create: { key, count: 1, resetAt },
        update: { count: { increment: 1 } },
        select: { count: true },
      });
      const limit = config.perSubject[budget] * (subject.kind === "address" ? config.addressFactor : 1);
      return { limit, remaining: limit - row.count };
    }),
  );
  if (windowStart !== lastPurgedWindow) {
    lastPurgedWindow = windowStart;
    void purgeEndedWindows(new Date(windowStart));
  }
  const tightest = counted.reduce((a, b) => (b.remaining < a.remaining ? b : a), { limit: Infinity, remaining: Infinity });
  return { allowed: tightest.remaining >= 0, limit: tightest.limit, remaining: Math.max(0, tightest.remaining), resetSeconds };
}

/** Rows of ended windows are useless; each process sweeps once per window, failures are retried next window. */
async function purgeEndedWindows(before: Date): Promise<void> {
  try {
    await db.rateLimit.deleteMany({ where: { key: { startsWith: KEY_PREFIX }, resetAt: { lte: before } } });
  } catch {
    lastPurgedWindow = 0;
  }
}

/** The draft IETF RateLimit headers, in their widely deployed separate-field form. */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  return {
    "RateLimit-Limit": String(decision.limit),
    "RateLimit-Remaining": String(decision.remaining),
    "RateLimit-Reset": String(decision.resetSeconds),
  };
}
