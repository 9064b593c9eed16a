import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricsRegistry } from "@/lib/metrics/registry";
import { z } from "zod";
import { useTempDatabase } from "@/testing/db/temp-database";
import { call, testRequest } from "@/testing/api/requests";
import { db } from "@/lib/db";
import { apiWrapper } from "./handler";
import { consumeRate, rateLimitConfig, type RateLimitConfig } from "./rate-limit";
import { defineRoute } from "./route-spec";

let cleanup: () => Promise<void>;
let url: string;
beforeAll(async () => {
  ({ cleanup, url } = await useTempDatabase());
});
afterAll(() => cleanup());

const config: RateLimitConfig = { enabled: true, windowMs: 60_000, perSubject: { read: 3, write: 2, export: 1, stream: 1 }, addressFactor: 2 };
const minute = (n: number) => Date.UTC(2026, 11, 7, 9, n, 10);
const user = (id: string) => [{ kind: "user" as const, id }];

describe("rate limiter", () => {
  it("reads its settings from the environment with defaults a print farm does not hit", () => {
    expect(rateLimitConfig({})).toEqual({ enabled: true, windowMs: 60_000, perSubject: { read: 1200, write: 300, export: 30, stream: 120 }, addressFactor: 4 });
    expect(rateLimitConfig({ PRINTERNIZER_RATE_LIMIT_READ: "50000", PRINTERNIZER_RATE_LIMIT: "off" })).toMatchObject({ enabled: false, perSubject: { read: 50000 } });
    expect(() => rateLimitConfig({ PRINTERNIZER_RATE_LIMIT_WRITE: "0" })).toThrow();
  });

  it("keeps a separate budget per kind of request and subject", async () => {
    const reads = [];
    for (let i = 0; i < 4; i++) reads.push(await consumeRate("read", user("a"), config, minute(1)));
    expect(reads.map((d) => [d.allowed, d.remaining])).toEqual([[true, 2], [true, 1], [true, 0], [false, 0]]);
    expect(reads[3]).toMatchObject({ limit: 3, resetSeconds: 50 });
    expect((await consumeRate("write", user("a"), config, minute(1))).allowed).toBe(true);
    expect((await consumeRate("read", user("b"), config, minute(1))).allowed).toBe(true);
  });

  it("starts over in the next window and sweeps the rows of ended ones", async () => {
    for (let i = 0; i < 4; i++) await consumeRate("export", user("w"), config, minute(10));
    expect((await consumeRate("export", user("w"), config, minute(10))).allowed).toBe(false);
    expect((await consumeRate("export", user("w"), config, minute(11))).allowed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const keys = (await db.rateLimit.findMany({ where: { key: { contains: ":user:w:" } } })).map((row) => row.key);
    expect(keys).toEqual([`api:export:user:w:${Date.UTC(2026, 11, 7, 9, 11)}`]);
  });

  it("answers for the tightest subject; an address gets the factor", async () => {
    const subjects = [{ kind: "token" as const, id: "t" }, { kind: "address" as const, id: "192.0.2.1" }];
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push(await consumeRate("write", subjects, config, minute(20)));
    expect(decisions.map((d) => [d.allowed, d.limit, d.remaining])).toEqual([[true, 2, 1], [true, 2, 0], [false, 2, 0]]);
    // The address spent 3 of its 4; another token from it gets the last one.
    expect(await consumeRate("write", [{ kind: "token", id: "u" }, { kind: "address", id: "192.0.2.1" }], config, minute(20))).toMatchObject({ allowed: true, remaining: 0, limit: 4 });
  });

  it("counts parallel requests exactly", async () => {
    const decisions = await Promise.all(Array.from({ length: 10 }, () => consumeRate("read", user("p"), config, minute(30))));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(3);
  });

  it("is shared with another process on the same database", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "testing/api/consume-rate.ts", "read", "198.51.100.7", "5", String(minute(40))], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent", PRINTERNIZER_RATE_LIMIT_READ: "3", PRINTERNIZER_RATE_LIMIT_ADDRESS_FACTOR: "2" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    await new Promise((resolve) => child.on("close", resolve));
    const theirs = out.trim().split("\n").map((line) => z.object({ allowed: z.boolean() }).parse(JSON.parse(line)));
    expect(theirs.map((d) => d.allowed)).toEqual([true, true, true, true, true]);
    const ours = await consumeRate("read", [{ kind: "address", id: "198.51.100.7" }], config, minute(40));
    expect(ours).toMatchObject({ allowed: true, remaining: 0 });
    expect((await consumeRate("read", [{ kind: "address", id: "198.51.100.7" }], config, minute(40))).allowed).toBe(false);
  }, 30_000);
});

/** The security-monitoring counter /api/metrics serves, for the read budget. */
async function readRefusals(): Promise<number> {
  const metric = await metricsRegistry().getSingleMetric("printernizer_rate_limit_refusals_total")?.get();
  return metric?.values.find((v) => v.labels.budget === "read")?.value ?? 0;
}

describe("the API wrapper", () => {
  const wrap = apiWrapper<{ id: string }, string>({
    authenticate: async (headers) => (headers.get("authorization") === "Bearer bad" ? { kind: "invalid-token" } : { kind: "user", user: { id: "u1" } }),
    allows: () => true,
    rateLimit: { config: () => ({ ...config, windowMs: 3_600_000 }), subjects: (u) => [{ kind: "user", id: u.id }] },
  });
  const readRoute = wrap(async () => ({ ok: true }), defineRoute({ openapi: { method: "GET", path: "/api/probe", summary: "probe" } }));
  const healthRoute = wrap(async () => ({ ok: true }), defineRoute({ rateLimit: "none", openapi: { method: "GET", path: "/api/probe-health", summary: "probe" } }));

  it("answers 429 with Retry-After and RateLimit headers once the budget is spent", async () => {
    const statuses = [];
    const refusedBefore = await readRefusals();
    let last: Response | null = null;
    for (let i = 0; i < 4; i++) {
      last = await call(readRoute, testRequest("GET", "/api/probe", { headers: { "x-forwarded-for": "203.0.113.9" } }));
      statuses.push(last.status);
      if (i === 0) expect([last.headers.get("ratelimit-limit"), last.headers.get("ratelimit-remaining")]).toEqual(["3", "2"]);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last?.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(last?.headers.get("ratelimit-reset"))).toBe(Number(last?.headers.get("retry-after")));
    const body = z.object({ error: z.object({ code: z.string() }) }).parse(await last?.json());
    expect(body.error.code).toBe("rate_limited");
    expect((await readRefusals()) - refusedBefore).toBe(1);
  });

  it("spends the address's budget on invalid tokens too, and never limits probes", async () => {
    const statuses = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await call(readRoute, testRequest("GET", "/api/probe", { headers: { "x-forwarded-for": "203.0.113.10", authorization: "Bearer bad" } }))).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    for (let i = 0; i < 10; i++) expect((await call(healthRoute, testRequest("GET", "/api/probe-health", { headers: { "x-forwarded-for": "203.0.113.10" } }))).status).toBe(200);
  });
});
