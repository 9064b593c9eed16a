import { z } from "zod";
import { defineRoute } from "@/lib/api/route-spec";

export const readinessSchema = z.object({
  ready: z.boolean(),
  database: z.enum(["ok", "unreachable"]),
  worker: z.object({ holder: z.string().nullable(), heartbeatAgeMs: z.number().nullable(), stale: z.boolean() }),
});

export const healthRoute = defineRoute({
  rateLimit: "none",
  permission: null,
  response: z.object({ status: z.literal("ok"), uptimeSeconds: z.number() }),
  openapi: { method: "GET", path: "/api/health", summary: "Process liveness (no database, no login)", tags: ["operations"] },
});

export const readyRoute = defineRoute({
  rateLimit: "none",
  permission: null,
  query: z.object({ worker: z.enum(["0", "1"]).optional() }),
  response: readinessSchema,
  openapi: {
    method: "GET",
    path: "/api/ready",
    summary: "Readiness: database reachable; worker heartbeat age and lease holder",
    description: "503 when this process cannot reach the database; with `?worker=1` also when the worker heartbeat is stale.",
    tags: ["operations"],
    errors: ["unavailable"],
  },
});

export const workerApiRoutes = [healthRoute, readyRoute];
