import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import type { z } from "zod";
import { logger } from "@/lib/log/logger";
import { recordHttpRequest, recordRateLimitRefusal } from "@/lib/metrics/registry";
import { REQUEST_BODY_MAX_BYTES } from "@/lib/http/body-guard";
import { clientIp } from "./client-ip";
import { apiError, isApiError, validationError, type ApiError } from "./errors";
import { consumeRate, rateLimitHeaders, type RateBudget, type RateDecision, type RateLimitConfig, type RateSubject } from "./rate-limit";
import type { ApiRouteSpec } from "./route-spec";
import { assertSameOrigin } from "./same-origin";

const log = logger("api");

/** The same cap the web process (scripts/web-server.mjs) enforces before Next reads a body. */
export const DEFAULT_MAX_BODY_BYTES = REQUEST_BODY_MAX_BYTES;

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** Who sent a request, as the access rules the wrapper is built with read it. */
export type RequestAuth<U> =
  | { kind: "anonymous" }
  /** An Authorization header was sent but names no valid token: always a 401. */
  | { kind: "invalid-token" }
  | { kind: "user"; user: U };

/** Authentication and permission check the wrapper runs; lib/auth provides Printernizer's. */
export interface ApiAccess<U, P extends string> {
  authenticate(headers: Headers, url: string): Promise<RequestAuth<U>>;
  allows(user: U, permission: P): boolean;
  /** Rate limits: the settings and what a user's request counts against besides its address. */
  rateLimit?: { config(): RateLimitConfig; subjects(user: U): RateSubject[] };
}

export interface ApiContext<S extends ApiRouteSpec, U> {
  req: NextRequest;
  /** Null only on public routes (permission: null) called without credentials. */
  user: S["permission"] extends null ? U | null : U;
  body: Parsed<S["body"]>;
  query: Parsed<S["query"]>;
  params: Parsed<S["params"]>;
  requestId: string;
  /** Client address, for the audit trail (stored there only as a keyed hash). */
  ip: string | null;
}

type HandlerResult<S extends ApiRouteSpec> = Response | (S["response"] extends z.ZodType ? z.input<S["response"]> : unknown);

export type ApiHandler<S extends ApiRouteSpec, U> = (ctx: ApiContext<S, U>) => Promise<HandlerResult<S>>;

export type RouteHandler = (req: NextRequest, ctx: { params: Promise<unknown> }) => Promise<Response>;

const stateChanging = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The one wrapper around every API route handler: request id, authentication (Bearer
 * API token or session cookie), the permission check through can(), a same-origin check
 * on state-changing requests, body size limit, JSON parsing and zod validation of body,
 * query and path parameters, and the single error shape. Everything is checked before
 * the handler runs, so a refused request changes nothing. Built once with the access
 * rules (lib/auth/with-api.ts), so this module knows no domain.
 */
export function apiWrapper<U, P extends string>(access: ApiAccess<U, P>) {
  return <const S extends ApiRouteSpec<P>>(handler: ApiHandler<S, U>, spec: S): RouteHandler => wrap(access, handler, spec);
}

function wrap<U, P extends string, S extends ApiRouteSpec<P>>(access: ApiAccess<U, P>, handler: ApiHandler<S, U>, spec: S): RouteHandler {
  return async (req, ctx) => {
    const started = performance.now();
    const response = await handle(req, ctx);
    const seconds = (performance.now() - started) / 1000;
    // Labelled by the route template, not the URL, so ids cannot explode the label set.
    recordHttpRequest(req.method, spec.openapi.path, response.status, seconds);
    const line = { requestId: response.headers.get("x-request-id"), method: req.method, route: spec.openapi.path, status: response.status, ms: Math.round(seconds * 1000) };
    if (response.status >= 400 && response.status < 500) log.info(line, "api request refused");
    else log.debug(line, "api request");
    return response;
  };

  async function handle(req: NextRequest, ctx: { params: Promise<unknown> }): Promise<Response> {
    const requestId = requestIdOf(req);
    const headers: Record<string, string> = { "x-request-id": requestId, "cache-control": "no-store" };
    try {
      if (stateChanging.has(req.method)) assertSameOrigin(req);

      const auth =
        spec.ownAuthorization && spec.permission === null
          ? ({ kind: "anonymous" } as const)
          : await access.authenticate(req.headers, req.url);
      const ip = clientIp(req.headers);
      // Before the token and permission answers, so guessing tokens spends the address's budget.
      const rate = await spendRate(auth, ip);
      if (rate) {
        Object.assign(headers, rateLimitHeaders(rate.decision));
        if (!rate.decision.allowed) {
          recordRateLimitRefusal(rate.budget);
          const retryAfter = String(rate.decision.resetSeconds);
          return apiError("rate_limited", { budget: rate.budget, retryAfterSeconds: rate.decision.resetSeconds }).toResponse({ ...headers, "Retry-After": retryAfter });
        }
      }
      if (auth.kind === "invalid-token") throw apiError("invalid_token");
      const user = auth.kind === "user" ? auth.user : null;
      if (spec.permission !== null) {
        if (!user) throw apiError("unauthorized");
        if (spec.permission && !access.allows(user, spec.permission)) throw apiError("forbidden");
      }

      const params = spec.params ? parseOr(spec.params, await ctx.params, () => apiError("not_found")) : undefined;
      const query = spec.query
        ? parseOr(spec.query, Object.fromEntries(req.nextUrl.searchParams), validationError)
        : undefined;
      const body = spec.body ? parseOr(spec.body, await readJson(req, spec.maxBodyBytes), validationError) : undefined;
      if (!spec.body && !spec.streamedBody) req = await withCappedBody(req, spec.maxBodyBytes);

      const context = { req, user, body, query, params, requestId, ip };
      // The checks above establish exactly what ApiContext<S, U> promises for this spec.
      const result = await handler(context as ApiContext<S, U>);
      if (result instanceof Response) return withHeaders(result, headers);
      const payload = spec.response ? spec.response.parse(result) : result;
      return Response.json(payload, { status: spec.openapi.successStatus ?? 200, headers });
    } catch (error) {
      return errorResponse(error, requestId, req, headers);
    }
  }

  async function spendRate(auth: RequestAuth<U>, ip: string | null): Promise<{ budget: RateBudget; decision: RateDecision } | null> {
    const budget: RateBudget | "none" = spec.rateLimit ?? (spec.openapi.method === "GET" ? "read" : "write");
    const config = access.rateLimit?.config();
    if (budget === "none" || !access.rateLimit || !config?.enabled) return null;
    const subjects: RateSubject[] = [
      ...(auth.kind === "user" ? access.rateLimit.subjects(auth.user) : []),
      ...(ip ? [{ kind: "address" as const, id: ip }] : []),
    ];
    if (subjects.length === 0) return null;
    return { budget, decision: await consumeRate(budget, subjects, config) };
  }
}

function errorResponse(error: unknown, requestId: string, req: NextRequest, headers: Record<string, string>): Response {
  if (isApiError(error)) {
    if (error.status >= 500) log.error({ requestId, code: error.code, path: req.nextUrl.pathname }, "api error");
    return error.toResponse(error.status === 401 ? { ...headers, "www-authenticate": "Bearer" } : headers);
  }
  log.error({ err: error, requestId, method: req.method, path: req.nextUrl.pathname }, "unhandled api error");
  return apiError("internal").toResponse(headers);
}

function parseOr<S extends z.ZodType>(schema: S, value: unknown, onError: (error: z.ZodError) => ApiError): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw onError(parsed.error);
  return parsed.data;
}

function assertDeclaredSize(req: NextRequest, max: number): void {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > max) throw apiError("payload_too_large");
}

/**
 * Reads at most `max` bytes of the body, whatever Content-Length claims (a chunked body
 * has none), and refuses the rest unread. Null when there is no body.
 */
async function readCapped(req: NextRequest, max: number): Promise<Uint8Array | null> {
  assertDeclaredSize(req, max);
  if (!req.body) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw apiError("payload_too_large");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** A route without a JSON body (next-auth's forms) gets the request back with the bounded body it may read. */
async function withCappedBody(req: NextRequest, max = DEFAULT_MAX_BODY_BYTES): Promise<NextRequest> {
  const bytes = await readCapped(req, max);
  if (bytes === null) return req;
  return new NextRequest(req.url, { method: req.method, headers: req.headers, body: new Uint8Array(bytes), signal: req.signal });
}

async function readJson(req: NextRequest, max = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  assertDeclaredSize(req, max);
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) throw apiError("unsupported_media_type");
  const bytes = (await readCapped(req, max)) ?? new Uint8Array();
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw apiError("invalid_json");
  }
  const withNul = pathOfNulString(value);
  if (withNul) throw apiError("validation_failed", { issues: [{ path: withNul.join("."), code: "invalid_string", message: "text must not contain the NUL character" }] });
  return value;
}

/**
 * The path of the first string holding U+0000, or null. PostgreSQL cannot store that
 * character in text at all, so it is refused at the boundary for both databases alike
 * (a body with it used to reach the database and fail there with a 500).
 */
interface Visit {
  value: unknown;
  key: string | number | null;
  parent: Visit | null;
}

function pathOfNulString(root: unknown): (string | number)[] | null {
  // Iterative, with parent links instead of copied paths: a 1 MiB body can nest deeper
  // than the call stack reaches.
  const pathOf = (visit: Visit): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) path.unshift(at.key);
    return path;
  };
  const pending: Visit[] = [{ value: root, key: null, parent: null }];
  for (let visit = pending.pop(); visit; visit = pending.pop()) {
    const { value } = visit;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return pathOf(visit);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, key: index, parent: visit }));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        const child = { value: item, key, parent: visit };
        if (key.includes("\u0000")) return pathOf(child);
        pending.push(child);
      }
    }
  }
  return null;
}

/** Responses made by Response.redirect() and the like have immutable headers: copy those. */
function withHeaders(response: Response, extra: Record<string, string>): Response {
  const { "cache-control": _cacheControl, ...added } = extra;
  try {
    for (const [name, value] of Object.entries(added)) response.headers.set(name, value);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(added)) headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

function requestIdOf(req: Request): string {
  const incoming = req.headers.get("x-request-id");
  return incoming && /^[\w.-]{8,128}$/.test(incoming) ? incoming : randomUUID();
}
