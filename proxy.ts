import createMiddleware from "next-intl/middleware";
import { NextRequest, NextResponse } from "next/server";
import { routing } from "./i18n/routing";
import { apiContentSecurityPolicy, hstsHeader, isSecureRequest, newNonce, pageContentSecurityPolicy } from "./lib/http/security-headers";

const intl = createMiddleware(routing);
const dev = process.env.NODE_ENV !== "production";

const CSP = "Content-Security-Policy";

export function proxy(request: NextRequest): NextResponse {
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  let response: NextResponse;
  if (isApi) {
    response = NextResponse.next();
    response.headers.set(CSP, apiContentSecurityPolicy);
  } else {
    const nonce = newNonce();
    const policy = pageContentSecurityPolicy(nonce, dev);
    // Next reads the nonce for its own scripts from the request's policy header.
    const headers = new Headers(request.headers);
    headers.set(CSP, policy);
    headers.set("x-nonce", nonce);
    response = intl(new NextRequest(request, { headers }));
    response.headers.set(CSP, policy);
  }
  if (isSecureRequest(request.nextUrl, request.headers.get("x-forwarded-proto"))) {
    response.headers.set(hstsHeader.key, hstsHeader.value);
  }
  return response;
}

/**
 * `/api/files` is left out: the proxy buffers a request body it passes on and cuts it at
 * 10 MB (`proxyClientMaxBodySize`), which would break library uploads (`POST /api/files`,
 * streamed to disk by its handler). That route gets its policy and HSTS from next.config
 * (`bypassedApiHeaders`), its authentication from withApi like every API route.
 */
export const config = {
  matcher: ["/((?!_next|_vercel|api/files$|.*\\..*).*)", "/api/:path((?!files$).*)"],
};
