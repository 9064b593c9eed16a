import type { z } from "zod";
import type { ErrorCode } from "./errors";
import type { RateBudget } from "./rate-limit";

export const httpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof httpMethods)[number];

/**
 * Everything about one API operation: what withApi enforces and what the OpenAPI
 * document says, from the same objects. Specs live in lib/<domain>/api-routes.ts (not in
 * app/, whose route modules load lazily) and are listed in lib/catalog/routes.ts.
 * `P` is the permission vocabulary; the wrapper bound to it (lib/auth/with-api.ts)
 * refuses specs naming any other permission.
 */
export interface ApiRouteSpec<P extends string = string> {
  /**
   * The permission `can()` must grant. `null`: public, no sign-in needed.
   * Omitted: any signed-in user.
   */
  permission?: P | null;
  /**
   * The Authorization header carries a credential of this route's own (the metrics scrape
   * token), checked by its handler; withApi then does not read it as an API token.
   * Only with `permission: null`.
   */
  ownAuthorization?: true;
  /** JSON request body, validated (422 on failure). */
  body?: z.ZodType;
  /** Query string, validated from its string values (use z.coerce for numbers). */
  query?: z.ZodType;
  /** Path parameters, validated (404 on failure). */
  params?: z.ZodType;
  /** JSON response body; the handler's value is parsed with it, so unlisted fields never leave. */
  response?: z.ZodType;
  /** Largest accepted request body, JSON or not; default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * The handler reads the request body itself, as a stream, and enforces its own size limit
   * (file uploads): the wrapper neither reads nor caps it. Only without `body`.
   */
  streamedBody?: true;
  /**
   * The rate budget a call spends: default `read` for GET, `write` otherwise; `export` for
   * CSV/DATEV downloads, `stream` for the event stream, `none` for probes (health, ready, metrics).
   */
  rateLimit?: RateBudget | "none";
  openapi: {
    method: HttpMethod;
    /** OpenAPI path template, e.g. /api/users/{id}. */
    path: string;
    summary: string;
    description?: string;
    tags?: readonly string[];
    /** Status of a successful response; default 200. */
    successStatus?: number;
    /** Content type of a non-JSON success response (then `response` is not used). */
    responseContentType?: string;
    /** Error codes this operation answers with besides the ones every operation may. */
    errors?: readonly ErrorCode[];
    /** A request body that is not JSON (a streamed upload): its content type and JSON Schema, as the document shows them. */
    requestBody?: { contentType: string; schema: Readonly<Record<string, unknown>> };
    /** Request headers the operation reads (conditional and range requests). */
    requestHeaders?: Readonly<Record<string, string>>;
    /** Answers besides success and errors, by status (206 Partial Content, 304, 416), with what they mean. */
    otherResponses?: Readonly<Record<number, string>>;
  };
}

/** Keeps the literal types of a spec so withApi can type the handler's arguments. */
export function defineRoute<const S extends ApiRouteSpec>(spec: S): S {
  return spec;
}
