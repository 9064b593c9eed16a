import { withApi } from "@/lib/auth/with-api";
import { env } from "@/lib/config/env";
import { readinessSchema, readyRoute } from "@/lib/worker/api-routes";
import { checkReadiness } from "@/lib/worker/readiness";

export const dynamic = "force-dynamic";

export const GET = withApi(async ({ query }) => {
  const readiness = await checkReadiness(env().PRINTERNIZER_WORKER_STALE_MS);
  const ok = readiness.ready && (query.worker !== "1" || !readiness.worker.stale);
  return Response.json(readinessSchema.parse(readiness), { status: ok ? 200 : 503 });
}, readyRoute);
