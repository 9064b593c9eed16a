import { withApi } from "@/lib/auth/with-api";
import { openApiDocumentRoute } from "@/lib/api/api-routes";
import { apiDocument } from "@/lib/catalog/routes";
import packageJson from "@/package.json";

export const GET = withApi(async () => apiDocument(packageJson.version), openApiDocumentRoute);
