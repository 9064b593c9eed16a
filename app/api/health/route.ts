import { withApi } from "@/lib/auth/with-api";
import { healthRoute } from "@/lib/worker/api-routes";

export const dynamic = "force-dynamic";

export const GET = withApi(async () => ({ status: "ok" as const, uptimeSeconds: Math.round(process.uptime()) }), healthRoute);
