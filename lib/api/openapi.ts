import { z } from "zod";
import { errorStatus, type ErrorCode } from "./errors";
import type { ApiRouteSpec } from "./route-spec";

type JsonSchema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
  schema: JsonSchema;
  description?: string;
}

interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  security: Record<string, string[]>[];
  "x-permission": string;
  /** Roles granted x-permission. */
  "x-roles"?: string[];
  /** API token scopes that open x-permission (within the owner's role). */
  "x-token-scopes"?: string[];
  parameters?: Parameter[];
  requestBody?: { required: true; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
}

export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes: Record<string, Record<string, string>>;
    schemas: Record<string, JsonSchema>;
  };
};

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** Every operation may answer with these; routes list their own extra codes. */
const commonErrors: ErrorCode[] = ["internal"];
const authErrors: ErrorCode[] = ["unauthorized", "invalid_token"];
const errorDescriptions: Record<number, string> = {
  400: "Malformed request",
  401: "Not signed in, or the API token is invalid",
  403: "Not allowed, or a cross-site request",
  404: "Not found",
  409: "Conflict with the current state",
  413: "Request body too large",
  415: "Request body is not JSON",
  422: "Validation failed; details.issues lists the fields",
  429: "Too many requests",
  500: "Server error",
  503: "Temporarily unavailable",
};

/**
 * Builds the OpenAPI 3.1 document from the route specs withApi enforces, converting the
 * same zod schemas with z.toJSONSchema (JSON Schema 2020-12, which OpenAPI 3.1 uses).
 */
/** Who holds a permission, for the document: the roles and the API token scopes that grant it. */
export type PermissionHolders = (permission: string) => { roles: readonly string[]; tokenScopes: readonly string[] };

export function buildOpenApiDocument(routes: readonly ApiRouteSpec[], version: string, holders?: PermissionHolders): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const route of routes) {
    const { path, method } = route.openapi;
    const item = (paths[path] ??= {});
    const key = method.toLowerCase();
    if (item[key]) throw new Error(`Two API routes declare ${method} ${path}`);
    item[key] = operationOf(route, holders);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Printernizer API",
      version,
      description:
        "Authenticate with a personal API token (Settings → API tokens) as `Authorization: Bearer pzr_…`. " +
        "Errors have the shape {error: {code, message, details?}}.",
    },
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "Personal API token (pzr_…)" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
      schemas: { Error: toSchema(errorBodySchema, "output") },
    },
  };
}

function operationOf(route: ApiRouteSpec, holders: PermissionHolders | undefined): Operation {
  const { openapi } = route;
  const isPublic = route.permission === null;
  const parameters = [...pathParameters(route), ...queryParameters(route), ...headerParameters(route)];
  const errorCodes = new Set<ErrorCode>([
    ...commonErrors,
    ...(isPublic ? [] : authErrors),
    ...(route.permission ? (["forbidden"] as const) : []),
    ...(route.openapi.method !== "GET" ? (["cross_origin"] as const) : []),
    ...(route.params ? (["not_found"] as const) : []),
    ...(route.query ? (["validation_failed"] as const) : []),
    ...(route.body ? (["validation_failed", "invalid_json", "payload_too_large", "unsupported_media_type"] as const) : []),
    ...(route.openapi.method !== "GET" ? (["payload_too_large"] as const) : []),
    ...(route.rateLimit === "none" ? [] : (["rate_limited"] as const)),
    ...(openapi.errors ?? []),
  ]);
  const responses: Operation["responses"] = {
    [String(openapi.successStatus ?? 200)]: successResponse(route),
  };
  for (const [status, description] of Object.entries(openapi.otherResponses ?? {})) responses[status] = { description };
  for (const status of [...new Set([...errorCodes].map((code) => errorStatus[code]))].sort((a, b) => a - b)) {
    responses[String(status)] = {
      description: errorDescriptions[status] ?? "Error",
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    };
  }
  return {
    operationId: operationId(openapi.method, openapi.path),
    summary: openapi.summary,
    ...(openapi.description ? { description: openapi.description } : {}),
    ...(openapi.tags ? { tags: [...openapi.tags] } : {}),
    security: isPublic ? [] : [{ bearerToken: [] }, { sessionCookie: [] }],
    "x-permission": route.permission === null ? "public" : (route.permission ?? "signed-in"),
    ...(route.permission && holders
      ? { "x-roles": [...holders(route.permission).roles], "x-token-scopes": [...holders(route.permission).tokenScopes] }
      : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(route.body, "input") } } } }
      : openapi.requestBody
        ? { requestBody: { required: true, content: { [openapi.requestBody.contentType]: { schema: { ...openapi.requestBody.schema } } } } }
        : {}),
    responses,
  };
}

function successResponse(route: ApiRouteSpec): Operation["responses"][string] {
  const { responseContentType } = route.openapi;
  if (responseContentType) return { description: "Success", content: { [responseContentType]: { schema: {} } } };
  if (!route.response) return { description: "Success" };
  return { description: "Success", content: { "application/json": { schema: toSchema(route.response, "output") } } };
}

function pathParameters(route: ApiRouteSpec): Parameter[] {
  const names = [...route.openapi.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  const declared = route.params ? objectProperties(route.params) : { properties: {}, required: [] };
  return names.map((name) => ({ name, in: "path", required: true, schema: declared.properties[name] ?? { type: "string" } }));
}

function headerParameters(route: ApiRouteSpec): Parameter[] {
  return Object.entries(route.openapi.requestHeaders ?? {}).map(([name, description]) => ({
    name,
    in: "header",
    required: false,
    schema: { type: "string" },
    description,
  }));
}

function queryParameters(route: ApiRouteSpec): Parameter[] {
  if (!route.query) return [];
  const { properties, required } = objectProperties(route.query);
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: "query",
    required: required.includes(name),
    schema,
  }));
}

function objectProperties(schema: z.ZodType): { properties: Record<string, JsonSchema>; required: string[] } {
  const json = toSchema(schema, "input");
  const properties = z.record(z.string(), z.record(z.string(), z.unknown())).safeParse(json.properties);
  const required = z.array(z.string()).safeParse(json.required);
  return { properties: properties.success ? properties.data : {}, required: required.success ? required.data : [] };
}

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io });
  return rest;
}

function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1));
  return method.toLowerCase() + words.join("");
}
