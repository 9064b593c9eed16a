import { defineRoute } from "@/lib/api/route-spec";
import { currentThumbnailsQuerySchema, currentThumbnailsSchema, jobDetailSchema, jobIdParamsSchema, jobListQuerySchema, jobListSchema } from "./schemas";

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

export const currentJobThumbnails = defineRoute({
  permission: "printers:read",
  query: currentThumbnailsQuerySchema,
  response: currentThumbnailsSchema,
  openapi: {
    method: "GET",
    path: "/api/printers/thumbnails",
    summary: "Pictures of the files the printers are printing now",
    description:
      "One entry per printer that reports a file (or only `printerId`'s). `fileName` is the file as the printer reports it; " +
      "`thumbnailUrl` is the file's picture (`/api/files/{id}/thumbnail`) or null when none was extracted or fetched yet.",
    tags: ["printers", "jobs"],
  },
});

export const jobsApiRoutes = [jobsList, jobsGet, currentJobThumbnails];
