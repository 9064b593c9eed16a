import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { userCan } from "@/lib/auth/current-user";
import { spoolsUpdate } from "@/lib/business/api-routes";
import { updateSpool } from "@/lib/business/inventory/inventory";
import { spoolForViewer } from "@/lib/business/inventory/price-visibility";
import { readBusinessSettings } from "@/lib/business/settings/settings";

export const PATCH = withApi(async ({ user, params, body, ip }) => {
  const spool = await updateSpool(params.id, body, await readBusinessSettings());
  await audit({ actor: actorOf(user), action: "spool.updated", target: spool.id, details: { fields: Object.keys(body) }, ip });
  return spoolForViewer(spool, userCan(user, "business:read"));
}, spoolsUpdate);
