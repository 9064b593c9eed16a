import { defineRoute } from "@/lib/api/route-spec";
import { jobDetailSchema, jobIdParamsSchema, jobListQuerySchema, jobListSchema } from "./schemas";

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
  response: jobDetailSchema,
  openapi: {
    method: "GET",
    path: "/api/jobs/{id}",
    summary: "One print job with its timeline",
    description: "`timeline` lists the job's state changes oldest first: started, paused, resumed, stopRequested and its end.",
    tags: ["jobs"],
  },
});

export const jobsApiRoutes = [jobsList, jobsGet];
