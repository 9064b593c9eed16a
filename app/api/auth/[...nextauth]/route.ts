import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { apiError } from "@/lib/api/errors";
import { withApi } from "@/lib/auth/with-api";
import { nextAuthGet, nextAuthPost } from "@/lib/auth/api-routes";
import { getAuthOptions } from "@/lib/auth/options";
import { passwordGate } from "@/lib/auth/password";
import { RETRY_AFTER_SECONDS } from "@/lib/auth/password-gate";

/** next-auth's own endpoints, behind withApi for the request id, origin check and error shape. */
async function nextAuth({ req }: { req: NextRequest }): Promise<Response> {
  const nextauth = req.nextUrl.pathname.replace(/^\/api\/auth\/?/, "").split("/").filter(Boolean);
  // A sign-in while password checks are saturated is turned away before next-auth reads it.
  if (req.method === "POST" && nextauth[0] === "callback" && passwordGate.full) {
    return apiError("unavailable", { reason: "password_checks_saturated" }).toResponse({ "Retry-After": String(RETRY_AFTER_SECONDS) });
  }
  // The only provider is the credentials form, whose callback next-auth serves by POST alone:
  // by GET it answers 500 ("callback for provider type credentials not supported").
  if (req.method === "GET" && nextauth[0] === "callback") {
    throw apiError("bad_request", { reason: "callback_requires_post" });
  }
  const response: Response = await NextAuth(req, { params: { nextauth } }, getAuthOptions(req));
  return response;
}

export const GET = withApi(nextAuth, nextAuthGet);
export const POST = withApi(nextAuth, nextAuthPost);
