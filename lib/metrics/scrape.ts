import { apiError } from "@/lib/api/errors";
import { env } from "@/lib/config/env";
import { decideScrape, parseAllowList, type ScrapeAccess } from "./access";
import { metricsRegistry } from "./registry";

let access: ScrapeAccess | null = null;

function scrapeAccess(): ScrapeAccess {
  access ??= { token: env().PRINTERNIZER_METRICS_TOKEN, allow: parseAllowList(env().PRINTERNIZER_METRICS_ALLOW) };
  return access;
}

/**
 * GET /api/metrics after the token/allow-list check; throws the API's 401/403 otherwise.
 * `collect` renders the exposition (lib/catalog/database-gauges.ts refreshes every
 * domain's gauges first), so this module knows no domain.
 */
export async function scrapeResponse(authorization: string | null, ip: string | null, collect: () => Promise<string>): Promise<Response> {
  const decision = decideScrape(scrapeAccess(), authorization, ip);
  if (decision === "unauthorized") throw apiError("unauthorized");
  if (decision === "forbidden") throw apiError("forbidden");
  return new Response(await collect(), {
    headers: { "content-type": metricsRegistry().contentType, "cache-control": "no-store" },
  });
}
