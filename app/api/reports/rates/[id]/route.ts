import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { ratesDelete, ratesUpdate } from "@/lib/business/api-routes";
import { deleteRate, updateRate } from "@/lib/business/rates/rates";

export const PATCH = withApi(async ({ user, params, body, ip }) => {
  const rate = await updateRate(params.id, body);
  await audit({ actor: actorOf(user), action: "business.rate_updated", target: rate.id, details: { validFrom: body.validFrom }, ip });
  return rate;
}, ratesUpdate);

export const DELETE = withApi(async ({ user, params, ip }) => {
  const rate = await deleteRate(params.id);
  await audit({ actor: actorOf(user), action: "business.rate_deleted", target: rate.id, details: { validFrom: rate.validFrom.slice(0, 10) }, ip });
  return rate;
}, ratesDelete);
