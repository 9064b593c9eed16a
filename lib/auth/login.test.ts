import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { accountKey, attemptLogin, clientKey, loginRules } from "./login";
import { getAuthOptions } from "./options";
import { hit, peek } from "./rate-limit";
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

  it("refuses an account after 5 failures in the window, even with the right password", async () => {
    const ip = "198.51.100.1";
    for (let i = 0; i < loginRules.account.limit; i++) {
      expect(await attemptLogin({ email: "alice@example.com", password: "wrong", ip: `${ip}${i}` })).toEqual({ ok: false, reason: "invalid" });
    }
    const limited = await attemptLogin({ email: "alice@example.com", password: PASSWORD, ip: "198.51.100.99" });
    expect(limited).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(limited.ok === false && limited.reason === "rate_limited" && limited.retryAfterSeconds).toBeGreaterThan(800);
    expect(await db.auditLog.count({ where: { action: "auth.login_locked" } })).toBe(1);
    await db.rateLimit.deleteMany({ where: { key: accountKey("alice@example.com") } });
  });

  it("a successful login resets the account's counter", async () => {
    for (let i = 0; i < loginRules.account.limit - 1; i++) {
      await attemptLogin({ email: "alice@example.com", password: "wrong", ip: null });
    }
    expect((await attemptLogin({ email: "alice@example.com", password: PASSWORD, ip: null })).ok).toBe(true);
    expect((await peek(accountKey("alice@example.com"), loginRules.account)).count).toBe(0);
  });

  it("refuses a client after 20 failures across accounts, but not other clients", async () => {
    const ip = "192.0.2.50";
    for (let i = 0; i < loginRules.client.limit - 1; i++) await hit(clientKey(ip), loginRules.client);
    expect(await attemptLogin({ email: "nobody@example.com", password: "guess", ip })).toEqual({ ok: false, reason: "invalid" });
    expect(await attemptLogin({ email: "alice@example.com", password: PASSWORD, ip })).toMatchObject({ reason: "rate_limited" });
    expect((await attemptLogin({ email: "alice@example.com", password: PASSWORD, ip: "192.0.2.51" })).ok).toBe(true);
  });

  it("reports a disabled account only to someone who knows its password", async () => {
    const bob = await createUser({ email: "bob@example.com", name: "Bob", password: "bob password", role: "viewer" }, system);
    await updateUser(bob.id, { disabled: true }, system);
    expect(await attemptLogin({ email: "bob@example.com", password: "wrong", ip: null })).toEqual({ ok: false, reason: "invalid" });
    expect(await attemptLogin({ email: "bob@example.com", password: "bob password", ip: null })).toEqual({ ok: false, reason: "disabled" });
  });

  it("does not store the email of unknown accounts or any password in the audit trail", async () => {
    await attemptLogin({ email: "typo-password-in-email@example.com", password: "secret-typed", ip: null });
    const all = JSON.stringify(await db.auditLog.findMany());
    expect(all).not.toContain("typo-password");
    expect(all).not.toContain("secret-typed");
    expect(JSON.stringify(await db.rateLimit.findMany())).not.toContain("typo-password");
  });
});

describe("fixed windows", () => {
  it("starts a new window once the old one has ended", async () => {
    const rule = { limit: 2, windowMs: 60_000 };
    const t0 = new Date("2030-01-01T00:00:00Z");
    await hit("test:window", rule, t0);
    expect((await hit("test:window", rule, new Date(t0.getTime() + 1000))).limited).toBe(true);
    expect((await peek("test:window", rule, new Date(t0.getTime() + 59_000))).limited).toBe(true);
    expect((await peek("test:window", rule, new Date(t0.getTime() + 60_000))).count).toBe(0);
    expect((await hit("test:window", rule, new Date(t0.getTime() + 60_000))).count).toBe(1);
  });

  it("counts concurrent hits exactly", async () => {
    const rule = { limit: 100, windowMs: 60_000 };
    await Promise.all(Array.from({ length: 10 }, () => hit("test:concurrent", rule)));
    expect((await peek("test:concurrent", rule)).count).toBe(10);
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
