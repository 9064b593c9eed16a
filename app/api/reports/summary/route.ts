import { withApi } from "@/lib/api/handler";
import { reportsSummary } from "@/lib/business/api-routes";
import { reportSummary } from "@/lib/business/reports/summary";

export const GET = withApi(async ({ query }) => reportSummary(query.from, query.to), reportsSummary);
