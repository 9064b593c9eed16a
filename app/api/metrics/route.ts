import { withApi } from "@/lib/auth/with-api";
import { scrapeMetrics } from "@/lib/catalog/database-gauges";
import { metricsRoute } from "@/lib/metrics/api-routes";
import { scrapeResponse } from "@/lib/metrics/scrape";

export const dynamic = "force-dynamic";

export const GET = withApi(async ({ req, ip }) => scrapeResponse(req.headers.get("authorization"), ip, scrapeMetrics), metricsRoute);
