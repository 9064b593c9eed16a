import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { quotesCancel, quotesGet } from "@/lib/business/quotes/api-routes";
import { cancelQuote, getQuote } from "@/lib/business/quotes/store";

export const GET = withApi(async ({ params }) => getQuote(params.id), quotesGet);

export const DELETE = withApi(async ({ user, params, ip }) => {
  const quote = await cancelQuote(params.id);
  await audit({ actor: actorOf(user), action: "quote.cancelled", target: quote.id, details: { number: quote.number }, ip });
  return quote;
}, quotesCancel);
