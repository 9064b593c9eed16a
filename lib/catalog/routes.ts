import { alertsApiRoutes } from "@/lib/alerts/api-routes";
import { backupApiRoutes } from "@/lib/backup/api-routes";
import { authApiRoutes } from "@/lib/auth/api-routes";
import { businessApiRoutes } from "@/lib/business/api-routes";
import { quotesApiRoutes } from "@/lib/business/quotes/api-routes";
import { complianceApiRoutes } from "@/lib/compliance/api-routes";
import { eventsApiRoutes } from "@/lib/events/api-routes";
import { filesApiRoutes } from "@/lib/files/api-routes";
import { jobsApiRoutes } from "@/lib/jobs/api-routes";
import { metricsApiRoutes } from "@/lib/metrics/api-routes";
import { printersApiRoutes } from "@/lib/printers/api-routes";
import { queueApiRoutes } from "@/lib/queue/api-routes";
import { workerApiRoutes } from "@/lib/worker/api-routes";
import { openApiDocumentRoute } from "@/lib/api/api-routes";
import { buildOpenApiDocument, type OpenApiDocument } from "@/lib/api/openapi";
import type { ApiRouteSpec } from "@/lib/api/route-spec";
import { permissions, rolesWith, type Permission } from "@/lib/auth/permissions";
import { scopesGranting } from "@/lib/auth/token-scopes";

/**
 * Every API operation, for the OpenAPI document. Route modules load lazily per route in
 * a production build, so the document cannot rely on them registering themselves: each
 * domain exports its specs from lib/<domain>/api-routes.ts and adds one line here.
 * lib/catalog/routes.test.ts fails when an app/api route is missing here or vice versa.
 */
export const apiRoutes: readonly ApiRouteSpec[] = [
  openApiDocumentRoute,
  ...authApiRoutes,
  ...eventsApiRoutes,
  ...workerApiRoutes,
  ...metricsApiRoutes,
  ...printersApiRoutes,
  ...jobsApiRoutes,
  ...filesApiRoutes,
  ...queueApiRoutes,
  ...alertsApiRoutes,
  ...businessApiRoutes,
  ...quotesApiRoutes,
  ...complianceApiRoutes,
  ...backupApiRoutes,
];

function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}

/** The OpenAPI document: each operation names its permission, the roles holding it and the token scopes opening it. */
export function apiDocument(version: string): OpenApiDocument {
  return buildOpenApiDocument(apiRoutes, version, (permission) =>
    isPermission(permission) ? { roles: rolesWith(permission), tokenScopes: scopesGranting(permission) } : { roles: [], tokenScopes: [] },
  );
}
