import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { reportsDatev } from "@/lib/business/api-routes";
import { datevExport } from "@/lib/business/exports/audited-exports";

export const GET = withApi(async ({ user, query, ip }) => datevExport(query.from, query.to, { actor: actorOf(user), ip }), reportsDatev);
