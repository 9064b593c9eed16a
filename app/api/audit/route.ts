import { withApi } from "@/lib/auth/with-api";
import { listAudit } from "@/lib/compliance/audit-log";
import { auditList } from "@/lib/compliance/api-routes";

export const GET = withApi(async ({ query }) => listAudit(query), auditList);
