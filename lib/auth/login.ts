import { createHash } from "node:crypto";
import { audit } from "@/lib/audit/audit";
import { hashIp } from "@/lib/audit/ip-hash";
import { db } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { verifyPassword } from "./password";
import { hit, peek, reset, type RateLimitRule } from "./rate-limit";
import { normalizeEmail, userColumns, type UserRecord } from "./users";

const log = logger("auth");

const FIFTEEN_MINUTES = 15 * 60_000;

/** Failed logins allowed per window: per account (email) and per client (address). */
export const loginRules = {
  account: { limit: 5, windowMs: FIFTEEN_MINUTES },
  client: { limit: 20, windowMs: FIFTEEN_MINUTES },
} satisfies Record<string, RateLimitRule>;

/** Messages next-auth passes to the login form as `error`; the form localizes them. */
export const loginErrors = {
  invalid: "CredentialsSignin",
  rateLimited: "rate_limited",
  disabled: "account_disabled",
} as const;

export type LoginResult =
  | { ok: true; user: UserRecord }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/** Emails are hashed in keys: the counter table needs no personal data. */
export function accountKey(email: string): string {
  return `login:account:${createHash("sha256").update(normalizeEmail(email)).digest("base64url")}`;
}

export function clientKey(ip: string): string {
  return `login:client:${hashIp(ip)}`;
}

/**
 * Checks email and password under the rate limits. Limited attempts are refused before
 * the password is looked at; wrong passwords and unknown emails count against both
 * limits and take the same time; a correct password clears the account's counter.
 * A disabled account is only reported once the password was right, so the answer
 * does not tell strangers which accounts exist.
 */
export async function attemptLogin(input: { email: string; password: string; ip: string | null }): Promise<LoginResult> {
  const keys: { key: string; rule: RateLimitRule }[] = [{ key: accountKey(input.email), rule: loginRules.account }];
  if (input.ip) keys.push({ key: clientKey(input.ip), rule: loginRules.client });

  const states = await Promise.all(keys.map(({ key, rule }) => peek(key, rule)));
  const limited = states.filter((state) => state.limited);
  if (limited.length > 0) {
    return { ok: false, reason: "rate_limited", retryAfterSeconds: Math.max(...limited.map((s) => s.retryAfterSeconds)) };
  }

  const row = await db.user.findUnique({
    where: { email: normalizeEmail(input.email) },
    select: { ...userColumns, passwordHash: true },
  });
  const passwordOk = await verifyPassword(input.password, row?.passwordHash);

  if (!row || !passwordOk) {
    const after = await Promise.all(keys.map(({ key, rule }) => hit(key, rule)));
    const lockedNow = after.some((state, i) => state.count === keys[i].rule.limit);
    await audit({
      actor: { type: "user", id: row?.id ?? null },
      action: lockedNow ? "auth.login_locked" : "auth.login_failed",
      target: row?.id ?? null,
      ip: input.ip,
    });
    if (lockedNow) log.warn({ userId: row?.id ?? null }, "login rate limit reached");
    return { ok: false, reason: "invalid" };
  }

  const { passwordHash: _hash, ...user } = row;
  if (user.disabled) {
    await audit({ actor: { type: "user", id: user.id }, action: "auth.login_disabled", target: user.id, ip: input.ip });
    return { ok: false, reason: "disabled" };
  }
  await reset(keys[0].key);
  await audit({ actor: { type: "user", id: user.id }, action: "auth.login", target: user.id, ip: input.ip });
  return { ok: true, user };
}
