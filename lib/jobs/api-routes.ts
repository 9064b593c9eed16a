import { defineRoute } from "@/lib/api/route-spec";
import { jobIdParamsSchema, jobListQuerySchema, jobListSchema, jobSchema } from "./schemas";

/** The jobs domain's API operations; route handlers in app/api pass these to withApi. */

export const jobsList = defineRoute({
  permission: "jobs:read",
  query: jobListQuerySchema,
  response: jobListSchema,
  openapi: {
    method: "GET",
    path: "/api/jobs",
    summary: "Print jobs, newest first",
    description:
      "One job per print, created and completed by the worker. Filter by printer, status and start date " +
      "(`from` inclusive, `to` exclusive); page with `page` and `pageSize`.",
    tags: ["jobs"],
  },
});

export const jobsGet = defineRoute({
  permission: "jobs:read",
  params: jobIdParamsSchema,
  response: jobSchema,
  openapi: { method: "GET", path: "/api/jobs/{id}", summary: "One print job", tags: ["jobs"] },
});

export const jobsApiRoutes = [jobsList, jobsGet];
