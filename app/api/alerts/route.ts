import { withApi } from "@/lib/auth/with-api";
import { alertsList } from "@/lib/alerts/api-routes";
import { listAlerts } from "@/lib/alerts/store";

export const GET = withApi(async ({ query }) => listAlerts(query), alertsList);
