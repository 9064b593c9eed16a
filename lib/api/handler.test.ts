import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import * as usersRoute from "@/app/api/users/route";
import * as meRoute from "@/app/api/me/route";
import { createUser, type UserRecord } from "@/lib/auth/users";
import { useTempDatabase } from "@/testing/db/temp-database";
import { db } from "@/lib/db";
import { withApi } from "@/lib/auth/with-api";
import { defineRoute } from "./route-spec";
import { bearer, browserHeaders, call, testRequest, TEST_ORIGIN } from "@/testing/api/requests";

let cleanup: () => Promise<void>;
let admin: UserRecord;
let viewer: UserRecord;
let adminBrowser: Record<string, string>;

const newUser = { email: "new@example.com", name: "New", password: "long enough", role: "operator" };

async function storedState() {
  return { users: await db.user.count(), audit: await db.auditLog.count(), tokens: await db.apiToken.count() };
}

async function errorOf(response: Response) {
  const body: unknown = await response.json();
  return z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) }).parse(body)
    .error;
}

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  admin = await createUser({ email: "admin@example.com", name: "Admin", password: "admin password", role: "admin" }, { actor: { type: "system" } });
  viewer = await createUser({ email: "viewer@example.com", name: "Viewer", password: "viewer password", role: "viewer" }, { actor: { type: "system" } });
  adminBrowser = await browserHeaders(admin);
});
afterAll(() => cleanup());

describe("withApi refuses bad requests before anything is stored", () => {
  let before: Awaited<ReturnType<typeof storedState>>;
  beforeEach(async () => {
    before = await storedState();
  });

  it("answers 403 to a foreign Origin on a cookie-authenticated POST", async () => {
    const res = await call(
      usersRoute.POST,
      testRequest("POST", "/api/users", { body: newUser, headers: { ...adminBrowser, origin: "https://evil.example" } }),
    );
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("cross_origin");
    expect(await storedState()).toEqual(before);
  });

  it("answers 403 to a foreign Referer when Origin is missing", async () => {
    const { origin: _origin, ...cookieOnly } = adminBrowser;
    const res = await call(
      usersRoute.POST,
      testRequest("POST", "/api/users", { body: newUser, headers: { ...cookieOnly, referer: "https://evil.example/page" } }),
    );
    expect(res.status).toBe(403);
    expect(await storedState()).toEqual(before);
  });

  it("answers 403 to a session cookie with neither Origin nor Referer", async () => {
    const { origin: _origin, ...cookieOnly } = adminBrowser;
    const res = await call(usersRoute.POST, testRequest("POST", "/api/users", { body: newUser, headers: cookieOnly }));
    expect(res.status).toBe(403);
    expect(await storedState()).toEqual(before);
  });

  it("answers 400 to malformed JSON", async () => {
    const res = await call(
      usersRoute.POST,
      testRequest("POST", "/api/users", { rawBody: '{"email": "a@b.de",', headers: { ...adminBrowser, "content-type": "application/json" } }),
    );
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("invalid_json");
    expect(await storedState()).toEqual(before);
  });

  it("answers 415 to a body that is not declared as JSON", async () => {
    const res = await call(
      usersRoute.POST,
      testRequest("POST", "/api/users", { rawBody: JSON.stringify(newUser), headers: { ...adminBrowser, "content-type": "text/plain" } }),
    );
    expect(res.status).toBe(415);
    expect(await storedState()).toEqual(before);
  });

  it("answers 413 to an oversized body, declared or streamed without a length", async () => {
    const big = JSON.stringify({ ...newUser, name: "x".repeat(1024 * 1024) });
    const declared = await call(usersRoute.POST, testRequest("POST", "/api/users", { rawBody: big, headers: { ...adminBrowser, "content-type": "application/json" } }));
    expect(declared.status).toBe(413);

    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const streamed = await call(usersRoute.POST, testRequest("POST", "/api/users", { rawBody: stream, headers: { ...adminBrowser, "content-type": "application/json" } }));
    expect(streamed.status).toBe(413);
    expect((await errorOf(streamed)).code).toBe("payload_too_large");
    expect(await storedState()).toEqual(before);
  });

  it("answers 422 with the field paths when validation fails", async () => {
    const res = await call(
      usersRoute.POST,
      testRequest("POST", "/api/users", { body: { email: "not an email", password: "short", role: "owner" }, headers: adminBrowser }),
    );
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe("validation_failed");
    const paths = z.object({ issues: z.array(z.object({ path: z.string() })) }).parse(error.details).issues.map((i) => i.path);
    expect(paths.sort()).toEqual(["email", "name", "password", "role"]);
    expect(await storedState()).toEqual(before);
  });

  it("answers 422 to text holding the NUL character, naming the field, also when nested deep", async () => {
    const res = await call(usersRoute.POST, testRequest("POST", "/api/users", { body: { ...newUser, name: "Anna\u0000Admin" }, headers: adminBrowser }));
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe("validation_failed");
    expect(error.details).toMatchObject({ issues: [{ path: "name", code: "invalid_string" }] });

    const deep = `${"[".repeat(100_000)}"\\u0000"${"]".repeat(100_000)}`;
    const nested = await call(usersRoute.POST, testRequest("POST", "/api/users", { rawBody: deep, headers: { ...adminBrowser, "content-type": "application/json" } }));
    expect(nested.status).toBeLessThan(500);
    expect(await storedState()).toEqual(before);
  });

  it("answers 401 without credentials and with an unknown token", async () => {
    const anonymous = await call(usersRoute.GET, testRequest("GET", "/api/users"));
    expect(anonymous.status).toBe(401);
    expect((await errorOf(anonymous)).code).toBe("unauthorized");

    const post = await call(usersRoute.POST, testRequest("POST", "/api/users", { body: newUser }));
    expect(post.status).toBe(401);

    const badToken = await call(usersRoute.GET, testRequest("GET", "/api/users", { headers: bearer(`pzr_${"A".repeat(43)}`) }));
    expect(badToken.status).toBe(401);
    expect((await errorOf(badToken)).code).toBe("invalid_token");
    expect(badToken.headers.get("www-authenticate")).toBe("Bearer");
    expect(await storedState()).toEqual(before);
  });

  it("answers 401 to a forged session cookie", async () => {
    const res = await call(meRoute.GET, testRequest("GET", "/api/me", { headers: { cookie: "next-auth.session-token=forged.jwt.value" } }));
    expect(res.status).toBe(401);
  });

  it("answers 403 to a viewer on an admin route", async () => {
    const headers = await browserHeaders(viewer);
    const list = await call(usersRoute.GET, testRequest("GET", "/api/users", { headers }));
    expect(list.status).toBe(403);
    expect((await errorOf(list)).code).toBe("forbidden");
    const create = await call(usersRoute.POST, testRequest("POST", "/api/users", { body: newUser, headers }));
    expect(create.status).toBe(403);
    expect(await storedState()).toEqual(before);
  });
});

describe("withApi lets good requests through", () => {
  it("creates a user for an admin on the same origin, with a request id", async () => {
    const res = await call(usersRoute.POST, testRequest("POST", "/api/users", { body: newUser, headers: adminBrowser }));
    expect(res.status).toBe(201);
    expect(res.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/);
    const body: unknown = await res.json();
    expect(body).toMatchObject({ email: "new@example.com", role: "operator", disabled: false });
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|sessionVersion/);
  });

  it("serves the signed-in user from the session cookie", async () => {
    const res = await call(meRoute.GET, testRequest("GET", "/api/me", { headers: adminBrowser }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ email: "admin@example.com", authenticatedBy: "session" });
  });

  it("keeps a proxy's request id", async () => {
    const res = await call(meRoute.GET, testRequest("GET", "/api/me", { headers: { ...adminBrowser, "x-request-id": "proxy-id-1234" } }));
    expect(res.headers.get("x-request-id")).toBe("proxy-id-1234");
  });

  it("accepts the Origin of PRINTERNIZER_PUBLIC_URL behind a proxy that rewrites Host", async () => {
    process.env.PRINTERNIZER_PUBLIC_URL = "https://print.example.com";
    try {
      const res = await call(
        usersRoute.POST,
        testRequest("POST", "/api/users", {
          body: { ...newUser, email: "proxied@example.com" },
          headers: { ...adminBrowser, host: "127.0.0.1:3000", origin: "https://print.example.com" },
        }),
      );
      expect(res.status).toBe(201);
    } finally {
      delete process.env.PRINTERNIZER_PUBLIC_URL;
    }
  });
});

describe("withApi's response handling", () => {
  const spec = defineRoute({
    permission: null,
    query: z.object({ n: z.coerce.number().int() }),
    response: z.object({ n: z.number() }),
    openapi: { method: "GET", path: "/api/test", summary: "test" },
  });

  it("validates the query and strips fields the response schema does not list", async () => {
    const handler = withApi(async ({ query }) => ({ n: query.n, secret: "never sent" }), spec);
    const res = await call(handler, testRequest("GET", "/api/test?n=7"));
    expect(await res.json()).toEqual({ n: 7 });
    const bad = await call(handler, testRequest("GET", "/api/test?n=seven"));
    expect(bad.status).toBe(422);
  });

  it("turns unknown errors into a 500 without their message", async () => {
    const handler = withApi(async () => {
      throw new Error("database password is hunter2");
    }, spec);
    const res = await call(handler, testRequest("GET", `/api/test?n=1`, { headers: { origin: TEST_ORIGIN } }));
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text)).toMatchObject({ error: { code: "internal" } });
    expect(res.headers.get("x-request-id")).toBeTruthy();
  });
});
