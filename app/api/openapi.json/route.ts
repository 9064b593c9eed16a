import { withApi } from "@/lib/auth/with-api";
import { openApiDocumentRoute } from "@/lib/api/api-routes";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { apiRoutes } from "@/lib/catalog/routes";
import packageJson from "@/package.json";

export const GET = withApi(async () => buildOpenApiDocument(apiRoutes, packageJson.version), openApiDocumentRoute);
