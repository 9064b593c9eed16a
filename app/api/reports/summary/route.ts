import { withApi } from "@/lib/auth/with-api";
import { reportsSummary } from "@/lib/business/api-routes";
import { reportSummary } from "@/lib/business/reports/summary";

export const GET = withApi(async ({ query }) => reportSummary(query.from, query.to), reportsSummary);
