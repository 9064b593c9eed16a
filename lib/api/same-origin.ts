import { apiError } from "./errors";

/**
 * Cross-site request forgery guard for state-changing requests. Browsers always send
 * Origin on cross-site POST/PUT/PATCH/DELETE, and scripts cannot forge it, Host or
 * X-Forwarded-Host. A foreign Origin (or, without Origin, a foreign Referer) is refused.
 * A request with neither is allowed only without a session cookie: that is an API client
 * (curl, scripts with Bearer tokens), which no other site can make a browser imitate.
 */
export function assertSameOrigin(req: Request): void {
  const source = req.headers.get("origin") ?? refererOrigin(req.headers.get("referer"));
  if (source === null) {
    if (hasSessionCookie(req.headers.get("cookie"))) throw apiError("cross_origin");
    return;
  }
  if (!allowedHosts(req.headers).has(hostOf(source) ?? "")) throw apiError("cross_origin");
}

function allowedHosts(headers: Headers): Set<string> {
  const hosts = new Set<string>();
  const add = (value: string | null | undefined) => {
    const host = value?.split(",")[0]?.trim().toLowerCase();
    if (host) hosts.add(host);
  };
  add(headers.get("host"));
  add(headers.get("x-forwarded-host"));
  for (const configured of [process.env.PRINTERNIZER_PUBLIC_URL, process.env.NEXTAUTH_URL]) {
    if (configured) add(hostOf(configured));
  }
  return hosts;
}

function refererOrigin(referer: string | null): string | null {
  return referer && URL.canParse(referer) ? new URL(referer).origin : null;
}

function hostOf(url: string): string | null {
  // "null" (opaque origins: sandboxed frames, file://) never matches.
  return URL.canParse(url) ? new URL(url).host.toLowerCase() : null;
}

function hasSessionCookie(cookie: string | null): boolean {
  return /(?:^|;\s*)(__Secure-)?next-auth\.session-token/.test(cookie ?? "");
}
