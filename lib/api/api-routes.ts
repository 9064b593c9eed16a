import { z } from "zod";
import { defineRoute } from "./route-spec";

export const openApiDocumentRoute = defineRoute({
  permission: null,
  response: z.record(z.string(), z.unknown()),
  openapi: {
    method: "GET",
    path: "/api/openapi.json",
    summary: "This API's OpenAPI 3.1 document",
    tags: ["meta"],
  },
});
