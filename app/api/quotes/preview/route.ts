import { withApi } from "@/lib/auth/with-api";
import { quotesPreview } from "@/lib/business/quotes/api-routes";
import { computeQuote } from "@/lib/business/quotes/compute";

export const POST = withApi(async ({ body }) => computeQuote(body), quotesPreview);
