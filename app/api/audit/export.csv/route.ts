import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { auditCsv } from "@/lib/compliance/audit-log";
import { auditExport } from "@/lib/compliance/api-routes";

export const GET = withApi(async ({ user, query, ip }) => {
  const { locale, ...filter } = query;
  const csv = await auditCsv(filter, locale);
  await audit({ actor: actorOf(user), action: "audit.export", details: { action: filter.action ?? null, from: filter.from ?? null, to: filter.to ?? null }, ip });
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="printernizer-audit.csv"' } });
}, auditExport);
