import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/me/route";
import * as tokensRoute from "@/app/api/tokens/route";
import * as tokenRoute from "@/app/api/tokens/[id]/route";
import * as usersRoute from "@/app/api/users/route";
import { bearer, browserHeaders, call, testRequest } from "@/testing/api/requests";
import { db } from "@/lib/db";
import { apiTokenListSchema, createdTokenSchema } from "./schemas";
import { useTempDatabase } from "@/testing/db/temp-database";
import { createApiToken, hashToken, listApiTokens, revokeApiToken, TOKEN_PREFIX, verifyApiToken } from "./tokens";
import { createUser, updateProfile, updateUser, type UserRecord } from "./users";

let cleanup: () => Promise<void>;
let alice: UserRecord;
let bob: UserRecord;
let admin: UserRecord;
const system = { actor: { type: "system" as const } };

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  [alice, bob, admin] = await Promise.all([
    createUser({ email: "alice@example.com", name: "Alice", password: "alice password", role: "operator" }, system),
    createUser({ email: "bob@example.com", name: "Bob", password: "bob password", role: "viewer" }, system),
    createUser({ email: "admin@example.com", name: "Admin", password: "admin password", role: "admin" }, system),
  ]);
});
afterAll(() => cleanup());

describe("API tokens", () => {
  it("creates pzr_ tokens of 32 random bytes and stores only their sha256 and prefix", async () => {
    const { token, apiToken } = await createApiToken({ userId: alice.id, name: "CI" }, system);
    expect(token).toMatch(/^pzr_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(TOKEN_PREFIX.length), "base64url")).toHaveLength(32);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(row.tokenHash).not.toContain(token.slice(4));
    expect(token.startsWith(row.prefix)).toBe(true);
    expect(row.prefix.length).toBeLessThan(16);
    expect(await verifyApiToken(token)).toEqual({ tokenId: apiToken.id, userId: alice.id, scopes: ["read", "printers:control", "files", "queue", "business"] });
  });

  it("authenticates API requests as the token's user and rejects a revoked token with 401", async () => {
    const { token, apiToken } = await createApiToken({ userId: alice.id, name: "script" }, system);
    const ok = await call(meRoute.GET, testRequest("GET", "/api/me", { headers: bearer(token) }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ email: "alice@example.com", authenticatedBy: "token" });

    await revokeApiToken(apiToken.id, { userId: alice.id, role: alice.role }, system);
    const revoked = await call(meRoute.GET, testRequest("GET", "/api/me", { headers: bearer(token) }));
    expect(revoked.status).toBe(401);
    expect(await verifyApiToken(token)).toBeNull();
  });

  it("rejects expired tokens", async () => {
    const created = new Date("2026-01-01T00:00:00Z");
    const { token } = await createApiToken({ userId: alice.id, name: "short", expiresInDays: 1 }, system, created);
    expect(await verifyApiToken(token, new Date("2026-01-01T23:59:00Z"))).not.toBeNull();
    expect(await verifyApiToken(token, new Date("2026-01-02T00:00:00Z"))).toBeNull();
  });

  it("updates lastUsedAt at most once a minute", async () => {
    const { token, apiToken } = await createApiToken({ userId: alice.id, name: "busy" }, system, new Date("2029-12-31T00:00:00Z"));
    const lastUsed = async () => (await db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).lastUsedAt;
    const t0 = new Date("2030-01-01T10:00:00Z");
    await verifyApiToken(token, t0);
    expect(await lastUsed()).toEqual(t0);
    await verifyApiToken(token, new Date(t0.getTime() + 59_000));
    expect(await lastUsed()).toEqual(t0);
    const t2 = new Date(t0.getTime() + 61_000);
    await verifyApiToken(token, t2);
    expect(await lastUsed()).toEqual(t2);
  });

  it("lets owners revoke their own tokens, admins anyone's, and nobody else", async () => {
    const { apiToken } = await createApiToken({ userId: alice.id, name: "to revoke" }, system);
    await expect(revokeApiToken(apiToken.id, { userId: bob.id, role: bob.role }, system)).rejects.toMatchObject({ status: 404 });
    const revoked = await revokeApiToken(apiToken.id, { userId: admin.id, role: admin.role }, system);
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const audit = await db.auditLog.findMany({ where: { action: "token.revoked", target: apiToken.id } });
    expect(audit).toHaveLength(1);
  });

  it("serves the token API: a token may not mint one, a session may within its role, list own, revoke", async () => {
    const { token } = await createApiToken({ userId: bob.id, name: "bootstrap" }, system);
    const minted = await call(
      tokensRoute.POST,
      testRequest("POST", "/api/tokens", { body: { name: "minted" }, headers: bearer(token) }),
    );
    expect(minted.status).toBe(403);

    const beyondRole = await call(
      tokensRoute.POST,
      testRequest("POST", "/api/tokens", { body: { name: "too much", scopes: ["read", "printers:control"] }, headers: await browserHeaders(bob) }),
    );
    expect(beyondRole.status).toBe(422);
    const tooLong = await call(
      tokensRoute.POST,
      testRequest("POST", "/api/tokens", { body: { name: "too long", expiresInDays: 366 }, headers: await browserHeaders(bob) }),
    );
    expect(tooLong.status).toBe(422);

    const created = await call(
      tokensRoute.POST,
      testRequest("POST", "/api/tokens", { body: { name: "from API", expiresInDays: 30, scopes: ["read"] }, headers: await browserHeaders(bob) }),
    );
    expect(created.status).toBe(201);
    const body = createdTokenSchema.parse(await created.json());
    expect(body.token).toMatch(/^pzr_/);
    expect(body.apiToken.name).toBe("from API");
    expect(body.apiToken.scopes).toEqual(["read"]);

    const listed = await call(tokensRoute.GET, testRequest("GET", "/api/tokens", { headers: await browserHeaders(bob) }));
    const list = apiTokenListSchema.parse(await listed.json());
    expect(list.tokens.map((t) => t.name).sort()).toEqual(["bootstrap", "from API"]);
    expect(JSON.stringify(list)).not.toContain(body.token);

    const aliceDelete = await call(
      tokenRoute.DELETE,
      testRequest("DELETE", `/api/tokens/${body.apiToken.id}`, { headers: await browserHeaders(alice) }),
      { id: body.apiToken.id },
    );
    expect(aliceDelete.status).toBe(404);

    const bobDelete = await call(
      tokenRoute.DELETE,
      testRequest("DELETE", `/api/tokens/${body.apiToken.id}`, { headers: await browserHeaders(bob) }),
      { id: body.apiToken.id },
    );
    expect(bobDelete.status).toBe(200);
    expect(await call(meRoute.GET, testRequest("GET", "/api/me", { headers: bearer(body.token) }))).toHaveProperty("status", 401);
  });

  it("lives 90 days unless asked otherwise, at most PRINTERNIZER_TOKEN_MAX_DAYS", async () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const { apiToken } = await createApiToken({ userId: alice.id, name: "default" }, system, now);
    expect(apiToken.expiresAt).toEqual(new Date("2026-05-30T00:00:00Z"));
    process.env.PRINTERNIZER_TOKEN_MAX_DAYS = "30";
    try {
      await expect(createApiToken({ userId: alice.id, name: "long", expiresInDays: 31 }, system)).rejects.toMatchObject({ status: 422 });
    } finally {
      delete process.env.PRINTERNIZER_TOKEN_MAX_DAYS;
    }
  });

  it("acts with the intersection of its scopes and its owner's current role", async () => {
    const owner = await createUser({ email: "scoped@example.com", name: "Scoped", password: "scoped password", role: "admin" }, system);
    const { token: readOnly } = await createApiToken({ userId: owner.id, name: "read", scopes: ["read"] }, system);
    const { token: full } = await createApiToken({ userId: owner.id, name: "full", scopes: ["read", "admin"] }, system);
    const listUsers = (token: string) => call(usersRoute.GET, testRequest("GET", "/api/users", { headers: bearer(token) }));
    expect((await listUsers(readOnly)).status).toBe(403);
    expect((await listUsers(full)).status).toBe(200);
    await updateUser(owner.id, { role: "operator" }, system);
    expect((await listUsers(full)).status).toBe(403);
  });

  it("is revoked by its owner's password change", async () => {
    const owner = await createUser({ email: "pw@example.com", name: "Pw", password: "old password!", role: "viewer" }, system);
    const { token } = await createApiToken({ userId: owner.id, name: "t" }, system);
    await updateProfile(owner.id, { currentPassword: "old password!", newPassword: "new password!" }, system);
    expect(await verifyApiToken(token)).toBeNull();
  });

  it("lists only the user's own tokens", async () => {
    const names = (await listApiTokens(bob.id)).map((t) => t.name);
    expect(names).not.toContain("CI");
  });
});
