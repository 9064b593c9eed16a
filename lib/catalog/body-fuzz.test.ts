import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { RouteHandler } from "@/lib/api/handler";
import type { ApiRouteSpec } from "@/lib/api/route-spec";
import { createUser } from "@/lib/auth/users";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { useTempDatabase } from "@/testing/db/temp-database";
import { apiRoutes } from "./routes";

/**
 * Every JSON body the API accepts, fuzzed from its zod schema: bodies of the right shape
 * with hostile values (huge and odd unicode strings, extreme numbers, long arrays, deep
 * nesting) and bodies of the wrong shape. None may answer 5xx or throw.
 */

let cleanup: () => Promise<void>;
let headers: Record<string, string>;
beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  process.env.PRINTERNIZER_RATE_LIMIT = "off";
  const admin = await createUser({ email: "fuzz@example.com", name: "Fuzz", password: "fuzz password", role: "admin" }, { actor: { type: "system" } });
  headers = await browserHeaders(admin);
});
afterAll(() => cleanup());

// Open a connection to whatever host the body names: their fuzzing belongs to the printer drivers' and
// the notification channels' own tests (lib/alerts/channels-api.test.ts).
const contactsNetwork = new Set(["/api/printers/test-connection", "/api/alerts/channels/test"]);

const hostileStrings = ["", "x".repeat(200_000), "\u202e\u200b\u0000💥<script>", "../../etc/passwd", "' OR 1=1 --", "NaN", "-1"];
const hostileNumbers = [-1, 0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1];

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  in?: z.ZodType;
  valueType?: z.ZodType;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A value of the schema's shape whose leaves take the n-th hostile value. */
function shaped(schema: z.ZodType, n: number, depth = 0): unknown {
  const def = defOf(schema);
  if (depth > 8) return null;
  switch (def.type) {
    case "object":
      return Object.fromEntries(Object.entries(def.shape ?? {}).map(([key, value]) => [key, shaped(value, n, depth + 1)]));
    case "string":
      return hostileStrings[n % hostileStrings.length];
    case "number":
    case "int":
    case "bigint":
      return hostileNumbers[n % hostileNumbers.length];
    case "boolean":
      return n % 2 === 0;
    case "enum":
      return Object.values(def.entries ?? {})[n % Object.keys(def.entries ?? {}).length];
    case "literal":
      return def.values?.[0];
    case "array":
      return Array.from({ length: n % 3 === 0 ? 1000 : 2 }, () => shaped(def.element as z.ZodType, n, depth + 1));
    case "record":
      return { [hostileStrings[n % hostileStrings.length].slice(0, 100)]: shaped(def.valueType as z.ZodType, n, depth + 1) };
    case "union":
      return shaped((def.options ?? [])[n % (def.options?.length ?? 1)], n, depth + 1);
    case "optional":
    case "nullable":
      return n % 4 === 3 ? (def.type === "nullable" ? null : undefined) : shaped(def.innerType as z.ZodType, n, depth + 1);
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
      return shaped(def.innerType as z.ZodType, n, depth + 1);
    case "pipe":
      return shaped(def.in as z.ZodType, n, depth + 1);
    default:
      return hostileStrings[n % hostileStrings.length];
  }
}

function deep(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${"}".repeat(levels)}`;
}

const wrongShapes: string[] = ["null", "[]", '"text"', "42", "{}", "{", deep(5_000), `[${"[".repeat(10_000)}${"]".repeat(10_000)}]`, '{"__proto__":{"admin":true}}'];

/** /api/users/{id} → app/api/users/[id]/route.ts; {nextauth} is a catch-all. */
async function handlerOf(spec: ApiRouteSpec): Promise<RouteHandler> {
  const dir = spec.openapi.path.replace(/^\/api\//, "").replace(/\{nextauth\}/, "[...nextauth]").replace(/\{(\w+)\}/g, "[$1]");
  const file = path.resolve(import.meta.dirname, "../../app/api", dir, "route.ts");
  const mod = (await import(file)) as Record<string, RouteHandler>;
  return mod[spec.openapi.method];
}

const bodyRoutes = apiRoutes.filter((spec) => spec.body && !contactsNetwork.has(spec.openapi.path));

describe("JSON bodies fuzzed from their schemas", () => {
  it("cover the routes with a body", () => {
    expect(bodyRoutes.length).toBeGreaterThan(15);
  });

  it.each(bodyRoutes.map((spec) => [`${spec.openapi.method} ${spec.openapi.path}`, spec] as const))("%s never answers 5xx", async (_name, spec) => {
    const handler = await handlerOf(spec);
    const url = spec.openapi.path.replace(/\{(\w+)\}/g, "fuzz-id");
    const params = Object.fromEntries([...spec.openapi.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], "fuzz-id"]));
    const bodies = [
      ...Array.from({ length: hostileStrings.length }, (_, n) => JSON.stringify(shaped(spec.body as z.ZodType, n))),
      ...wrongShapes,
    ];
    for (const rawBody of bodies) {
      const res = await call(handler, testRequest(spec.openapi.method, url, { rawBody, headers: { ...headers, "content-type": "application/json" } }), params);
      expect(res.status, `${rawBody.slice(0, 80)} → ${res.status}`).toBeLessThan(500);
    }
  });
});
