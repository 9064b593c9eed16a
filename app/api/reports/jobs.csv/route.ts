import { withApi } from "@/lib/auth/with-api";
import { actorOf } from "@/lib/auth/actor";
import { reportsJobsCsv } from "@/lib/business/api-routes";
import { jobsCsvExport } from "@/lib/business/exports/audited-exports";

export const GET = withApi(
  async ({ user, query, ip }) => jobsCsvExport(query.from, query.to, query.locale, { actor: actorOf(user), ip }),
  reportsJobsCsv,
);
