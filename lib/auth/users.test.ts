import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as setupRoute from "@/app/api/setup/route";
import * as userRoute from "@/app/api/users/[id]/route";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { db } from "@/lib/db";
import { useTempDatabase } from "@/testing/db/temp-database";
import { createFirstAdmin, createUser, ensureAdminFromEnv, hasAnyUser, listUsers, updateUser } from "./users";

let cleanup: () => Promise<void>;
const system = { actor: { type: "system" as const } };

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
});
afterAll(() => cleanup());

describe("first admin", () => {
  it("is created exactly once even when two setups race", async () => {
    expect(await hasAnyUser()).toBe(false);
    const results = await Promise.allSettled([
      createFirstAdmin({ email: "one@example.com", name: "One", password: "first password" }, system),
      createFirstAdmin({ email: "two@example.com", name: "Two", password: "second password" }, system),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason).toMatchObject({ status: 409, code: "setup_done" });
    const users = await listUsers();
    expect(users).toHaveLength(1);
    expect(users[0].role).toBe("admin");
  });

  it("answers POST /api/setup with 409 once a user exists, storing nothing", async () => {
    const before = await db.user.count();
    const res = await call(
      setupRoute.POST,
      testRequest("POST", "/api/setup", { body: { email: "late@example.com", name: "Late", password: "late password" } }),
    );
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: "setup_done" } });
    expect(await db.user.count()).toBe(before);
  });

  it("ensureAdminFromEnv does nothing when users exist or nothing is configured", async () => {
    expect(await ensureAdminFromEnv({ NODE_ENV: "test" })).toBeNull();
    expect(
      await ensureAdminFromEnv({ NODE_ENV: "test", PRINTERNIZER_ADMIN_EMAIL: "env@example.com", PRINTERNIZER_ADMIN_PASSWORD: "env password" }),
    ).toBeNull();
    expect(await db.user.findUnique({ where: { email: "env@example.com" } })).toBeNull();
  });

  it("ensureAdminFromEnv refuses a too short password loudly", async () => {
    await expect(
      ensureAdminFromEnv({ NODE_ENV: "test", PRINTERNIZER_ADMIN_EMAIL: "env@example.com", PRINTERNIZER_ADMIN_PASSWORD: "short" }),
    ).rejects.toThrow(/PRINTERNIZER_ADMIN_PASSWORD/);
  });
});

describe("user management", () => {
  it("treats email addresses case-insensitively", async () => {
    const user = await createUser({ email: "Mixed.Case@Example.com", name: "Mixed", password: "mixed password", role: "viewer" }, system);
    expect(user.email).toBe("mixed.case@example.com");
    await expect(
      createUser({ email: "MIXED.case@example.COM", name: "Dup", password: "dup password", role: "viewer" }, system),
    ).rejects.toMatchObject({ status: 409, code: "email_taken" });
  });

  it("bumps sessionVersion on role change, disabling and new password only", async () => {
    const user = await createUser({ email: "sv@example.com", name: "SV", password: "sv password!", role: "viewer" }, system);
    expect((await updateUser(user.id, { name: "Renamed" }, system)).sessionVersion).toBe(0);
    expect((await updateUser(user.id, { role: "viewer" }, system)).sessionVersion).toBe(0);
    expect((await updateUser(user.id, { role: "operator" }, system)).sessionVersion).toBe(1);
    expect((await updateUser(user.id, { disabled: true }, system)).sessionVersion).toBe(2);
    expect((await updateUser(user.id, { disabled: false }, system)).sessionVersion).toBe(2);
    expect((await updateUser(user.id, { password: "another password" }, system)).sessionVersion).toBe(3);
    const actions = (await db.auditLog.findMany({ where: { target: user.id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["user.created", "user.updated", "user.updated", "user.disabled", "user.enabled", "user.updated"]);
  });

  it("keeps at least one active admin", async () => {
    const [onlyAdmin] = (await listUsers()).filter((u) => u.role === "admin" && !u.disabled);
    await expect(updateUser(onlyAdmin.id, { disabled: true }, system)).rejects.toMatchObject({ code: "last_admin" });
    await expect(updateUser(onlyAdmin.id, { role: "viewer" }, system)).rejects.toMatchObject({ code: "last_admin" });
    const second = await createUser({ email: "second@example.com", name: "Second", password: "second admin", role: "admin" }, system);
    expect((await updateUser(onlyAdmin.id, { role: "operator" }, system)).role).toBe("operator");
    await expect(updateUser(second.id, { disabled: true }, system)).rejects.toMatchObject({ code: "last_admin" });
  });

  it("edits users through PATCH /api/users/{id}, 404 for unknown ids", async () => {
    const admin = (await listUsers()).find((u) => u.role === "admin" && !u.disabled);
    if (!admin) throw new Error("no admin");
    const target = await createUser({ email: "t@example.com", name: "T", password: "t password!", role: "viewer" }, system);
    const headers = await browserHeaders(admin);
    const res = await call(
      userRoute.PATCH,
      testRequest("PATCH", `/api/users/${target.id}`, { body: { role: "operator", disabled: true }, headers }),
      { id: target.id },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: "operator", disabled: true });
    const empty = await call(userRoute.PATCH, testRequest("PATCH", `/api/users/${target.id}`, { body: {}, headers }), { id: target.id });
    expect(empty.status).toBe(422);
    const missing = await call(userRoute.PATCH, testRequest("PATCH", "/api/users/nope", { body: { name: "N" }, headers }), { id: "nope" });
    expect(missing.status).toBe(404);
  });
});
