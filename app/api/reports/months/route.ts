import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { monthsClose, monthsList } from "@/lib/business/api-routes";
import { closeMonth, listClosedMonths } from "@/lib/business/costing/month-close";

export const GET = withApi(async () => ({ closed: await listClosedMonths() }), monthsList);

export const POST = withApi(async ({ user, body, ip }) => {
  await closeMonth(body, user.id);
  await audit({ actor: actorOf(user), action: "month.closed", target: `${body.year}-${String(body.month).padStart(2, "0")}`, ip });
  return body;
}, monthsClose);
