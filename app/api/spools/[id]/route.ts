import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { spoolsUpdate } from "@/lib/business/api-routes";
import { updateSpool } from "@/lib/business/inventory/inventory";
import { readBusinessSettings } from "@/lib/business/settings/settings";

export const PATCH = withApi(async ({ user, params, body, ip }) => {
  const spool = await updateSpool(params.id, body, await readBusinessSettings());
  await audit({ actor: actorOf(user), action: "spool.updated", target: spool.id, details: { fields: Object.keys(body) }, ip });
  return spool;
}, spoolsUpdate);
