import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { metricsRegistry } from "@/lib/metrics/registry";
import bcrypt from "bcryptjs";
import { accountClientKey, accountKey, attemptLogin, clientKey } from "./login";
import { delayAfter, loginBackoff, reserveCheck } from "./login-throttle";
import { getAuthOptions } from "./options";
import { passwordGate } from "./password";
import { useTempDatabase } from "@/testing/db/temp-database";
import { createUser, updateUser, type UserRecord } from "./users";

let cleanup: () => Promise<void>;
let alice: UserRecord;
const system = { actor: { type: "system" as const } };
const PASSWORD = "alice password";

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  alice = await createUser({ email: "alice@example.com", name: "Alice", password: PASSWORD, role: "operator" }, system);
});
afterAll(() => cleanup());

/** The security-monitoring counter that /api/metrics serves, by reason. */
async function refusals(): Promise<Record<"invalid" | "rate_limited", number>> {
  const metric = await metricsRegistry().getSingleMetric("printernizer_login_refusals_total")?.get();
  const count = (reason: string) => metric?.values.find((v) => v.labels.reason === reason)?.value ?? 0;
  return { invalid: count("invalid"), rate_limited: count("rate_limited") };
}

describe("login", () => {
  it("signs in with the right password, case-insensitive email, and audits it with a hashed address", async () => {
    const result = await attemptLogin({ email: "ALICE@example.com", password: PASSWORD, ip: "203.0.113.7" });
    expect(result).toMatchObject({ ok: true, user: { id: alice.id } });
    expect(JSON.stringify(result)).not.toContain("passwordHash");
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: "auth.login" } });
    expect(entry.actorId).toBe(alice.id);
    expect(entry.ipHash).toBeTruthy();
    expect(entry.ipHash).not.toContain("203.0.113");
    expect(JSON.stringify(await db.auditLog.findMany())).not.toContain("203.0.113.7");
  });

  it("counts 40 parallel wrong logins: 5 reach the password check, 35 are refused before it", async () => {
    const ip = "198.51.100.1";
    const before = await refusals();
    const results = await Promise.all(Array.from({ length: 40 }, () => attemptLogin({ email: "alice@example.com", password: "wrong", ip })));
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(loginBackoff.accountClient.free);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(40 - loginBackoff.accountClient.free);
    expect(await db.auditLog.count({ where: { action: "auth.login_failed", target: alice.id } })).toBe(5);
    expect(await db.auditLog.count({ where: { action: "auth.login_throttled" } })).toBe(35);
    const after = await refusals();
    expect(after.invalid - before.invalid).toBe(5);
    expect(after.rate_limited - before.rate_limited).toBe(35);
  });

  it("lets the owner in once the delay is over, and at once from another address", async () => {
    const ip = "198.51.100.1";
    const key = accountClientKey("alice@example.com", ip);
    // The back-off of the 40 failures above, whatever time the test itself took.
    await db.rateLimit.update({ where: { key }, data: { resetAt: new Date(Date.now() + 30_000) } });
    const refused = await attemptLogin({ email: "alice@example.com", password: PASSWORD, ip });
    expect(refused).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(refused.ok === false && refused.reason === "rate_limited" && refused.retryAfterSeconds).toBeGreaterThan(25);
    expect((await attemptLogin({ email: "alice@example.com", password: PASSWORD, ip: "198.51.100.2" })).ok).toBe(true);
    await db.rateLimit.update({ where: { key }, data: { resetAt: new Date(Date.now() - 1) } });
    expect((await attemptLogin({ email: "alice@example.com", password: PASSWORD, ip })).ok).toBe(true);
    expect(await db.rateLimit.count({ where: { key: { in: [accountClientKey("alice@example.com", ip), accountKey("alice@example.com")] } } })).toBe(0);
  });

  it("backs off a client after 20 failed checks across accounts, but not other clients", async () => {
    const ip = "192.0.2.50";
    for (let i = 0; i < loginBackoff.client.free; i++) await reserveCheck([{ key: clientKey(ip), rule: loginBackoff.client }]);
    expect(await attemptLogin({ email: "alice@example.com", password: PASSWORD, ip })).toMatchObject({ reason: "rate_limited" });
    expect((await attemptLogin({ email: "alice@example.com", password: PASSWORD, ip: "192.0.2.51" })).ok).toBe(true);
  });

  it("reports a disabled account only to someone who knows its password", async () => {
    const bob = await createUser({ email: "bob@example.com", name: "Bob", password: "bob password", role: "viewer" }, system);
    await updateUser(bob.id, { disabled: true }, system);
    expect(await attemptLogin({ email: "bob@example.com", password: "wrong", ip: null })).toEqual({ ok: false, reason: "invalid" });
    expect(await attemptLogin({ email: "bob@example.com", password: "bob password", ip: null })).toEqual({ ok: false, reason: "disabled" });
  });

  it("replaces a bcrypt hash from before with an scrypt hash at the next login", async () => {
    const carol = await createUser({ email: "carol@example.com", name: "Carol", password: "carol password", role: "viewer" }, system);
    await db.user.update({ where: { id: carol.id }, data: { passwordHash: await bcrypt.hash("carol password", 4) } });
    expect((await attemptLogin({ email: "carol@example.com", password: "carol password", ip: null })).ok).toBe(true);
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: carol.id } });
    expect(passwordHash).toMatch(/^scrypt\$/);
    expect((await attemptLogin({ email: "carol@example.com", password: "carol password", ip: null })).ok).toBe(true);
  });

  it("answers busy instead of queueing without end when password checks are saturated", async () => {
    let release = () => undefined as void;
    const blocker = new Promise<void>((resolve) => (release = resolve));
    const held = Array.from({ length: 4 + 64 }, () => passwordGate.run(() => blocker));
    try {
      expect(passwordGate.full).toBe(true);
      expect(await attemptLogin({ email: "alice@example.com", password: PASSWORD, ip: "192.0.2.99" })).toEqual({ ok: false, reason: "busy", retryAfterSeconds: 5 });
    } finally {
      release();
      await Promise.all(held);
    }
    expect((await attemptLogin({ email: "alice@example.com", password: PASSWORD, ip: "192.0.2.99" })).ok).toBe(true);
  });

  it("does not store the email of unknown accounts or any password in the audit trail", async () => {
    await attemptLogin({ email: "typo-password-in-email@example.com", password: "secret-typed", ip: null });
    const all = JSON.stringify(await db.auditLog.findMany());
    expect(all).not.toContain("typo-password");
    expect(all).not.toContain("secret-typed");
    expect(JSON.stringify(await db.rateLimit.findMany())).not.toContain("typo-password");
  });
});

describe("back-off", () => {
  const rule = { free: 2, baseMs: 1_000, maxMs: 8_000, forgetAfterMs: 60_000 };
  const at = (ms: number) => new Date(Date.UTC(2030, 0, 1) + ms);
  const backoffKey = [{ key: "test:backoff", rule }];

  it("doubles the delay after the free checks, up to the maximum", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => delayAfter(n, rule))).toEqual([0, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it("refuses during the delay without lengthening it, and forgets after a quiet period", async () => {
    expect(await reserveCheck(backoffKey, at(0))).toEqual({ allowed: true });
    expect(await reserveCheck(backoffKey, at(10))).toEqual({ allowed: true });
    expect(await reserveCheck(backoffKey, at(20))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await reserveCheck(backoffKey, at(500))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await reserveCheck(backoffKey, at(1_010))).toEqual({ allowed: true });
    expect(await reserveCheck(backoffKey, at(1_020))).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(await reserveCheck(backoffKey, at(3_010 + 60_000))).toEqual({ allowed: true });
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: "test:backoff" } })).count).toBe(1);
  });

  it("takes no key when one of them refuses", async () => {
    const later = [{ key: "test:free", rule }, { key: "test:blocked", rule }];
    await db.rateLimit.create({ data: { key: "test:blocked", count: 5, resetAt: at(10_000) } });
    expect(await reserveCheck(later, at(0))).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(await db.rateLimit.findUnique({ where: { key: "test:free" } })).toBeNull();
  });
});

describe("next-auth credentials provider", () => {
  const authorizeOf = () => {
    const provider = getAuthOptions().providers[0];
    if (provider.type !== "credentials") throw new Error("expected the credentials provider");
    return provider.options.authorize;
  };

  it("returns the user with its session version, and turns refusals into error codes", async () => {
    const authorize = authorizeOf();
    const request = { headers: { "x-forwarded-for": "203.0.113.200" }, body: {}, query: {}, method: "POST" };
    const user = await authorize({ email: "alice@example.com", password: PASSWORD }, request);
    expect(user).toMatchObject({ id: alice.id, sv: alice.sessionVersion });
    expect(await authorize({ email: "alice@example.com", password: "nope" }, request)).toBeNull();
    await expect(authorize({ email: "bob@example.com", password: "bob password" }, request)).rejects.toThrow("account_disabled");
  });

  it("puts user id and session version into the JWT", async () => {
    const options = getAuthOptions();
    const token = await options.callbacks?.jwt?.({
      token: { sub: alice.id },
      user: { id: alice.id, sv: 3 },
      account: null,
    });
    expect(token).toMatchObject({ uid: alice.id, sv: 3 });
  });
});
