import { defineRoute } from "@/lib/api/route-spec";

export const metricsRoute = defineRoute({
  rateLimit: "none",
  permission: null,
  ownAuthorization: true,
  openapi: {
    method: "GET",
    path: "/api/metrics",
    summary: "Prometheus metrics (scrape token or allowed client address)",
    description:
      "Prometheus text format. Needs `Authorization: Bearer <PRINTERNIZER_METRICS_TOKEN>` or a client address in " +
      "PRINTERNIZER_METRICS_ALLOW (default loopback only): it carries business figures.",
    tags: ["operations"],
    responseContentType: "text/plain; version=0.0.4",
    errors: ["unauthorized", "forbidden"],
  },
});

export const metricsApiRoutes = [metricsRoute];
