import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RouteHandler } from "@/lib/api/handler";
import type { ApiRouteSpec } from "@/lib/api/route-spec";
import { can, permissions, roles, type Permission, type Role } from "@/lib/auth/permissions";
import { tokenPermissions, tokenScopes, type TokenScope } from "@/lib/auth/token-scopes";
import { createApiToken } from "@/lib/auth/tokens";
import { createUser, type UserRecord } from "@/lib/auth/users";
import { bearer, browserHeaders, call, testRequest } from "@/testing/api/requests";
import { useTempDatabase } from "@/testing/db/temp-database";
import { apiRoutes } from "./routes";

/**
 * Every route of the catalog × anonymous, each role and a token of each single scope: the
 * permission table (lib/auth/permissions.ts, lib/auth/token-scopes.ts) says who gets past
 * authentication. Each handler gets a minimal request (no body, made-up ids), so an
 * allowed call usually ends in 400/404/422: anything but 401/403 counts as "let in".
 */

const root = path.resolve(import.meta.dirname, "../..");
const MADE_UP_ID = "matrix-unknown-id";

/** Routes whose credential is their own (checked by the handler) or next-auth's, not the permission table. */
const notTableDriven = new Set(["GET /api/metrics", "GET /api/auth/{nextauth}", "POST /api/auth/{nextauth}"]);

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** app/api/users/[id]/route.ts → /api/users/{id}. */
const fileOfPath = new Map<string, string>(
  routeFiles(path.join(root, "app/api")).map((file) => {
    const dir = path.relative(path.join(root, "app"), path.dirname(file)).split(path.sep);
    return [`/${dir.map((segment) => segment.replace(/^\[{1,2}(?:\.\.\.)?(\w+)\]{1,2}$/, "{$1}")).join("/")}`, file] as const;
  }),
);

function operation(spec: ApiRouteSpec): string {
  return `${spec.openapi.method} ${spec.openapi.path}`;
}

async function handlerOf(spec: ApiRouteSpec): Promise<RouteHandler> {
  const file = fileOfPath.get(spec.openapi.path);
  if (!file) throw new Error(`${operation(spec)}: no route file in app/api`);
  const routeModule = (await import(file)) as Partial<Record<string, RouteHandler>>;
  const handler = routeModule[spec.openapi.method];
  if (!handler) throw new Error(`${operation(spec)}: the route file exports no ${spec.openapi.method}`);
  return handler;
}

type Caller = { label: string; headers: () => Record<string, string>; allowed: (permission: Permission) => boolean; anonymous: boolean };

let cleanup: () => Promise<void>;
const users = new Map<Role, UserRecord>();
const sessionHeaders = new Map<Role, Record<string, string>>();
const scopeTokens = new Map<TokenScope, string>();

beforeAll(async () => {
  // Every route is called by eleven callers from one address within a minute: far more than
  // the write budget, which has its own tests (lib/api). Here only permissions decide.
  vi.stubEnv("PRINTERNIZER_RATE_LIMIT_WRITE", "100000");
  vi.stubEnv("PRINTERNIZER_RATE_LIMIT_READ", "100000");
  ({ cleanup } = await useTempDatabase());
  const system = { actor: { type: "system" as const } };
  for (const role of roles) {
    const user = await createUser({ email: `${role}@matrix.test`, name: role, password: `${role} password!`, role }, system);
    users.set(role, user);
    sessionHeaders.set(role, await browserHeaders(user));
  }
  const admin = users.get("admin");
  if (!admin) throw new Error("no admin");
  for (const scope of tokenScopes) {
    scopeTokens.set(scope, (await createApiToken({ userId: admin.id, name: scope, scopes: [scope] }, system)).token);
  }
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await cleanup();
});

function callers(): Caller[] {
  return [
    { label: "anonymous", headers: () => ({ origin: "http://printernizer.test" }), allowed: () => false, anonymous: true },
    ...roles.map((role) => ({
      label: role,
      headers: () => sessionHeaders.get(role) ?? {},
      allowed: (permission: Permission) => can(role, permission),
      anonymous: false,
    })),
    ...tokenScopes.map((scope) => ({
      label: `token[${scope}]`,
      headers: () => bearer(scopeTokens.get(scope) ?? ""),
      allowed: (permission: Permission) => tokenPermissions("admin", [scope]).includes(permission),
      anonymous: false,
    })),
  ];
}

async function statusOf(spec: ApiRouteSpec, caller: Caller): Promise<number> {
  const handler = await handlerOf(spec);
  const params = Object.fromEntries([...spec.openapi.path.matchAll(/\{(\w+)\}/g)].map((match) => [match[1], MADE_UP_ID]));
  const url = spec.openapi.path.replace(/\{(\w+)\}/g, MADE_UP_ID);
  const hasBody = spec.openapi.method !== "GET" && spec.openapi.method !== "DELETE";
  const response = await call(handler, testRequest(spec.openapi.method, url, { headers: caller.headers(), ...(hasBody ? { body: {} } : {}) }), params);
  // Streams (the event stream) stay open otherwise.
  await response.body?.cancel();
  return response.status;
}

const tableDriven = apiRoutes.filter((spec) => !notTableDriven.has(operation(spec)));

describe("route × role × token-scope matrix", () => {
  it("covers every route of the catalog: each has a route file and a permission the table knows", async () => {
    for (const spec of apiRoutes) {
      await handlerOf(spec);
      if (typeof spec.permission === "string") expect(permissions).toContain(spec.permission);
    }
    expect(tableDriven.length).toBe(apiRoutes.length - notTableDriven.size);
  });

  it.each(tableDriven.map((spec) => [operation(spec), spec] as const))("%s answers each caller as the table says", async (_name, spec) => {
    const outcomes: string[] = [];
    for (const caller of callers()) {
      const status = await statusOf(spec, caller);
      const expected =
        spec.permission === null ? "in" : caller.anonymous ? "401" : spec.permission === undefined || caller.allowed(spec.permission as Permission) ? "in" : "403";
      const actual = status === 401 || status === 403 ? String(status) : "in";
      if (actual !== expected) outcomes.push(`${caller.label}: expected ${expected}, got ${status}`);
    }
    expect(outcomes).toEqual([]);
  });
});

describe("business routes", () => {
  const business: readonly Permission[] = ["jobs:customer", "business:read", "business:export", "business:edit", "months:close", "materials:read", "quotes:manage"];
  const businessRoutes = apiRoutes.filter((spec) => typeof spec.permission === "string" && business.includes(spec.permission as Permission));

  it("refuse a viewer, every one of them", async () => {
    expect(businessRoutes.length).toBeGreaterThan(10);
    const viewer = callers().find((caller) => caller.label === "viewer");
    if (!viewer) throw new Error("no viewer");
    for (const spec of businessRoutes) expect({ route: operation(spec), status: await statusOf(spec, viewer) }).toEqual({ route: operation(spec), status: 403 });
  });
});
