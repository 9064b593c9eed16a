import createMiddleware from "next-intl/middleware";
import { NextResponse, type NextRequest } from "next/server";
import { routing } from "./i18n/routing";
import { hstsHeader, isSecureRequest } from "./lib/http/security-headers";

const intl = createMiddleware(routing);

export function proxy(request: NextRequest): NextResponse {
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  const response = isApi ? NextResponse.next() : intl(request);
  if (isSecureRequest(request.nextUrl, request.headers.get("x-forwarded-proto"))) {
    response.headers.set(hstsHeader.key, hstsHeader.value);
  }
  return response;
}

export const config = {
  matcher: ["/((?!_next|_vercel|.*\\..*).*)", "/api/:path*"],
};
