import { createHash } from "node:crypto";
import { audit } from "@/lib/audit/audit";
import { hashIp } from "@/lib/audit/ip-hash";
import { db } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { recordLoginRefused } from "@/lib/metrics/registry";
import { clearKey, loginBackoff, reserveCheck, type BackoffRule } from "./login-throttle";
import { hashPassword, needsRehash, verifyPassword } from "./password";
import { PasswordGateFull } from "./password-gate";
import { normalizeEmail, userColumns, type UserRecord } from "./users";

const log = logger("auth");

/** Messages next-auth passes to the login form as `error`; the form localizes them. */
export const loginErrors = {
  invalid: "CredentialsSignin",
  rateLimited: "rate_limited",
  disabled: "account_disabled",
  busy: "busy",
} as const;

export type LoginResult =
  | { ok: true; user: UserRecord }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "rate_limited" | "busy"; retryAfterSeconds: number };

type LoginInput = { email: string; password: string; ip: string | null };

/** Emails are hashed in keys: the counter table needs no personal data. */
function emailHash(email: string): string {
  return createHash("sha256").update(normalizeEmail(email)).digest("base64url");
}

export function accountKey(email: string): string {
  return `login:account:${emailHash(email)}`;
}

export function clientKey(ip: string): string {
  return `login:client:${hashIp(ip)}`;
}

export function accountClientKey(email: string, ip: string | null): string {
  return `login:account-client:${emailHash(email)}:${ip ? hashIp(ip) : "unknown"}`;
}

function throttleKeys(email: string, ip: string | null): { key: string; rule: BackoffRule }[] {
  const keys = [
    { key: accountClientKey(email, ip), rule: loginBackoff.accountClient },
    { key: accountKey(email), rule: loginBackoff.account },
  ];
  if (ip) keys.push({ key: clientKey(ip), rule: loginBackoff.client });
  return keys;
}

/**
 * Checks email and password under exponential back-off per account and address, per
 * address and per account. Every attempt takes its place before the password is looked at;
 * a refused one never reaches the password check. Wrong passwords and unknown emails take
 * the same time; a correct password clears the account's keys (not the address's, so one
 * known account cannot wash an address clean). A disabled account is only reported once the
 * password was right, so the answer does not tell strangers which accounts exist.
 */
export async function attemptLogin(input: LoginInput): Promise<LoginResult> {
  const result = await checkLogin(input);
  if (!result.ok) recordLoginRefused(result.reason);
  return result;
}

async function checkLogin(input: LoginInput): Promise<LoginResult> {
  const keys = throttleKeys(input.email, input.ip);
  const reservation = await reserveCheck(keys);
  if (!reservation.allowed) {
    await audit({ actor: { type: "user", id: null }, action: "auth.login_throttled", details: { retryAfterSeconds: reservation.retryAfterSeconds }, ip: input.ip });
    return { ok: false, reason: "rate_limited", retryAfterSeconds: reservation.retryAfterSeconds };
  }

  const row = await db.user.findUnique({
    where: { email: normalizeEmail(input.email) },
    select: { ...userColumns, passwordHash: true },
  });
  let passwordOk: boolean;
  try {
    passwordOk = await verifyPassword(input.password, row?.passwordHash);
  } catch (err) {
    if (!(err instanceof PasswordGateFull)) throw err;
    log.warn("password checks saturated: login refused with 503");
    return { ok: false, reason: "busy", retryAfterSeconds: err.retryAfterSeconds };
  }

  if (!row || !passwordOk) {
    await audit({ actor: { type: "user", id: row?.id ?? null }, action: "auth.login_failed", target: row?.id ?? null, ip: input.ip });
    return { ok: false, reason: "invalid" };
  }

  const { passwordHash, ...user } = row;
  if (user.disabled) {
    await audit({ actor: { type: "user", id: user.id }, action: "auth.login_disabled", target: user.id, ip: input.ip });
    return { ok: false, reason: "disabled" };
  }
  await Promise.all([clearKey(keys[0].key), clearKey(keys[1].key)]);
  if (needsRehash(passwordHash)) {
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(input.password) } });
  }
  await audit({ actor: { type: "user", id: user.id }, action: "auth.login", target: user.id, ip: input.ip });
  return { ok: true, user };
}
