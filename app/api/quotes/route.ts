import { withApi } from "@/lib/auth/with-api";
import { audit } from "@/lib/audit/audit";
import { actorOf } from "@/lib/auth/actor";
import { quotesCreate, quotesList } from "@/lib/business/quotes/api-routes";
import { createQuote, listQuotes } from "@/lib/business/quotes/store";

export const GET = withApi(async () => ({ quotes: await listQuotes() }), quotesList);

export const POST = withApi(async ({ user, body, ip }) => {
  const quote = await createQuote(body, { actorId: user.id });
  await audit({
    actor: actorOf(user),
    action: "quote.created",
    target: quote.id,
    details: { number: quote.number, fileName: quote.fileName, copies: quote.copies, grossCents: quote.total.grossCents },
    ip,
  });
  return quote;
}, quotesCreate);
