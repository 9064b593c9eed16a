import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { ratesCreate, ratesList } from "@/lib/business/api-routes";
import { addRate, listRates } from "@/lib/business/rates/rates";

export const GET = withApi(async () => ({ rates: await listRates() }), ratesList);

export const POST = withApi(async ({ user, body, ip }) => {
  const rate = await addRate(body, user.id);
  await audit({ actor: actorOf(user), action: "business.rate_added", target: rate.id, details: { validFrom: body.validFrom }, ip });
  return rate;
}, ratesCreate);
