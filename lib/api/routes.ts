import { authApiRoutes } from "@/lib/auth/api-routes";
import { eventsApiRoutes } from "@/lib/events/api-routes";
import { workerApiRoutes } from "@/lib/worker/api-routes";
import { openApiDocumentRoute } from "./api-routes";
import type { ApiRouteSpec } from "./route-spec";

/**
 * Every API operation, for the OpenAPI document. Route modules load lazily per route in
 * a production build, so the document cannot rely on them registering themselves: each
 * domain exports its specs from lib/<domain>/api-routes.ts and adds one line here.
 * lib/api/routes.test.ts fails when an app/api route is missing here or vice versa.
 */
export const apiRoutes: readonly ApiRouteSpec[] = [
  openApiDocumentRoute,
  ...authApiRoutes,
  ...eventsApiRoutes,
  ...workerApiRoutes,
];
