import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { RouteHandler } from "@/lib/api/handler";
import type { ApiRouteSpec } from "@/lib/api/route-spec";
import { systemActor } from "@/lib/audit/audit";
import { createApiToken } from "@/lib/auth/tokens";
import { createUser } from "@/lib/auth/users";
import { createMaterial, createSpool } from "@/lib/business/inventory/inventory";
import { addRate } from "@/lib/business/rates/rates";
import { db } from "@/lib/db";
import { createPrinter } from "@/lib/printers/repository";
import { browserHeaders, call, testRequest } from "@/testing/api/requests";
import { useTempDatabase } from "@/testing/db/temp-database";
import { apiRoutes } from "./routes";

/**
 * Every JSON body the API accepts, fuzzed from its zod schema: bodies of the right shape
 * with hostile values (huge and odd unicode strings, extreme numbers, long arrays, deep
 * nesting), plausible bodies, and bodies of the wrong shape. Routes with an id in the
 * path, and id fields in bodies, name real rows (a printer, job, material, spool, rate,
 * user, token, file), so the fuzzing reaches past the lookup. None may answer 5xx or throw.
 */

let cleanup: () => Promise<void>;
let headers: Record<string, string>;
/** Real rows by the kind of id a path parameter or body field names. */
const rows: Record<string, string> = {};

beforeAll(async () => {
  ({ cleanup } = await useTempDatabase());
  process.env.PRINTERNIZER_RATE_LIMIT = "off";
  const system = { actor: systemActor };
  const admin = await createUser({ email: "fuzz@example.com", name: "Fuzz", password: "fuzz password", role: "admin" }, system);
  headers = await browserHeaders(admin);
  const other = await createUser({ email: "other@example.com", name: "Other", password: "other password", role: "operator" }, system);
  const printer = await createPrinter({ name: "Fuzz printer", kind: "prusalink", host: "127.0.0.1", httpPort: 9, username: "maker", password: "secret password", model: "Core One" }, system);
  const material = await createMaterial({ type: "PLA", brand: "Fuzz", color: "Black", diameterMm: "1.75", pricePerKgCents: 2_000 });
  const spool = await createSpool({ materialId: material.id, initialGrams: 1_000, printerId: printer.id }, 100);
  const rate = await addRate(
    { validFrom: "2026-01-01", electricityCentsPerKwh: "30", machineCentsPerHour: "50", labourCentsPerHour: "3000", printerPowerWatts: 120, defaultMarkupBp: 3_000, vatMode: "standard", defaultVatRateBp: 1_900 },
    admin.id,
  );
  const job = await db.job.create({ data: { printerId: printer.id, name: "fuzz.gcode", status: "finished", startedAt: new Date("2026-02-02T08:00:00Z"), endedAt: new Date("2026-02-02T10:00:00Z"), progress: 100 } });
  const printerFile = await db.printerFile.create({ data: { printerId: printer.id, path: "/usb/FUZZ.GCO", name: "fuzz.gcode", seenAt: new Date() } });
  const file = await db.localFile.create({ data: { relativePath: "fuzz/fuzz.gcode", name: "fuzz.gcode", size: 10, sha256: "0".repeat(64), printerFileId: printerFile.id } });
  const { apiToken } = await createApiToken({ userId: other.id, name: "fuzz" }, system);
  Object.assign(rows, { user: other.id, printer: printer.id, material: material.id, spool: spool.id, rate: rate.id, job: job.id, file: file.id, token: apiToken.id });
});
afterAll(() => cleanup());

// Open a connection to whatever host the body names: their fuzzing belongs to the printer drivers' and
// the notification channels' own tests (lib/alerts/channels-api.test.ts).
const contactsNetwork = new Set(["/api/printers/test-connection", "/api/alerts/channels/test"]);

/** The row an `{id}` path parameter names, by the route's collection. */
function pathId(path: string): string {
  const collection: [RegExp, string][] = [
    [/^\/api\/(users|privacy\/users)\//, "user"],
    [/^\/api\/printers\//, "printer"],
    [/^\/api\/materials\//, "material"],
    [/^\/api\/spools\//, "spool"],
    [/^\/api\/reports\/rates\//, "rate"],
    [/^\/api\/(reports\/)?jobs\//, "job"],
    [/^\/api\/files\//, "file"],
    [/^\/api\/tokens\//, "token"],
    [/^\/api\/queue\//, "queue"],
    [/^\/api\/alerts\/channels\//, "channel"],
  ];
  const kind = collection.find(([pattern]) => pattern.test(path))?.[1];
  if (!kind) throw new Error(`no row for the id in ${path}: add its kind to pathId`);
  return rows[kind];
}

/** A body field naming another row ("printerId", "materialId"): the real row's id. */
function fieldId(key: string | undefined): string | undefined {
  const kind = key ? /^(\w+)Id$/.exec(key)?.[1] : undefined;
  return kind ? rows[kind] : undefined;
}


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

/** n-th variant that is plausible instead of hostile: small values, real ids, optional fields present. */
const PLAUSIBLE = -1;

/** A value of the schema's shape whose leaves take the n-th hostile value (or a plausible one); id fields name real rows on even n. */
function shaped(schema: z.ZodType, n: number, depth = 0, key?: string): unknown {
  const def = defOf(schema);
  if (depth > 8) return null;
  if (n === PLAUSIBLE) return plausible(schema, depth, key);
  switch (def.type) {
    case "object":
      return Object.fromEntries(Object.entries(def.shape ?? {}).map(([field, value]) => [field, shaped(value, n, depth + 1, field)]));
    case "string":
      return (n % 2 === 0 ? fieldId(key) : undefined) ?? hostileStrings[n % hostileStrings.length];
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
      return n % 4 === 3 ? (def.type === "nullable" ? null : undefined) : shaped(def.innerType as z.ZodType, n, depth + 1, key);
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
      return shaped(def.innerType as z.ZodType, n, depth + 1, key);
    case "pipe":
      return shaped(def.in as z.ZodType, n, depth + 1, key);
    default:
      return hostileStrings[n % hostileStrings.length];
  }
}

/** Ordinary values to try, in order, where the schema's own checks (formats, patterns, ranges) decide which fits. */
const plainStrings = ["Fuzz 1", "1", "2026-03-01", "08:00", "fuzz@example.com", "127.0.0.1"];
const plainNumbers = [1, 0, 100, 1_900];
const firstAccepted = <T,>(schema: z.ZodType, candidates: T[]): T => candidates.find((c) => schema.safeParse(c).success) ?? candidates[0];

/** A minimal ordinary body: required fields only, values the field accepts where one of the candidates fits. */
function plausible(schema: z.ZodType, depth: number, key?: string): unknown {
  const def = defOf(schema);
  if (depth > 8) return null;
  switch (def.type) {
    case "object":
      return Object.fromEntries(Object.entries(def.shape ?? {}).map(([field, value]) => [field, plausible(value, depth + 1, field)]));
    case "string":
      return fieldId(key) ?? firstAccepted(schema, plainStrings);
    case "number":
    case "int":
    case "bigint":
      return firstAccepted(schema, plainNumbers);
    case "boolean":
      return false;
    case "enum":
      return Object.values(def.entries ?? {})[0];
    case "literal":
      return def.values?.[0];
    case "array":
      return [plausible(def.element as z.ZodType, depth + 1)];
    case "record":
      return {};
    case "union":
      return plausible((def.options ?? [])[0], depth + 1, key);
    case "optional":
      return undefined;
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
      return plausible(def.innerType as z.ZodType, depth + 1, key);
    case "pipe":
      return plausible(def.in as z.ZodType, depth + 1, key);
    default:
      return "Fuzz 1";
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
    const id = spec.openapi.path.includes("{") ? pathId(spec.openapi.path) : null;
    const url = spec.openapi.path.replace(/\{(\w+)\}/g, id ?? "");
    const params = Object.fromEntries([...spec.openapi.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], id ?? ""]));
    const bodies = [
      JSON.stringify(shaped(spec.body as z.ZodType, PLAUSIBLE)),
      ...Array.from({ length: hostileStrings.length }, (_, n) => JSON.stringify(shaped(spec.body as z.ZodType, n))),
      ...wrongShapes,
    ];
    const statuses: number[] = [];
    for (const rawBody of bodies) {
      const res = await call(handler, testRequest(spec.openapi.method, url, { rawBody, headers: { ...headers, "content-type": "application/json" } }), params);
      statuses.push(res.status);
      expect(res.status, `${rawBody.slice(0, 80)} → ${res.status}`).toBeLessThan(500);
    }
    // The row exists: some body got past validation and the lookup (no 404, no 422).
    if (id) expect(statuses.filter((status) => status !== 404 && status !== 400 && status !== 422), `statuses ${statuses.join(",")}`).not.toHaveLength(0);
  });
});
