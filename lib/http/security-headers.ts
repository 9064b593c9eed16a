/**
 * Headers sent with every response. The Content-Security-Policy differs per response, so the
 * proxy sets it (`pageContentSecurityPolicy`, `apiContentSecurityPolicy`); next.config adds
 * the rest to everything it serves. HSTS is added by the proxy only for TLS requests.
 */
export function securityHeaders(): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}

/**
 * The policy of an HTML page: scripts run only with this response's nonce (Next puts it on
 * its own scripts when it finds it in the request's policy header) or when loaded by such a
 * script ('strict-dynamic'); never inline scripts an attacker managed to inject. React's dev
 * tooling needs eval, so development alone allows it.
 */
export function pageContentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** API answers are data, never documents: nothing in them may run or be framed. */
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

/** 128 random bits, fresh for every page response. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export const hstsHeader = { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" };

/** API paths proxy.ts leaves out of its matcher (streamed uploads), so it cannot set their headers. */
export const proxyBypassedApiPaths = ["/api/files"] as const;

/**
 * next.config header rules giving the bypassed paths what the proxy gives every other API
 * answer: the API policy always, HSTS when the request came over TLS (directly, or through
 * a proxy that says so in X-Forwarded-Proto).
 */
export function bypassedApiHeaders(): { source: string; headers: { key: string; value: string }[]; has?: { type: "header"; key: string; value: string }[] }[] {
  return proxyBypassedApiPaths.flatMap((source) => [
    { source, headers: [{ key: "Content-Security-Policy", value: apiContentSecurityPolicy }] },
    { source, has: [{ type: "header" as const, key: "x-forwarded-proto", value: "https(,.*)?" }], headers: [hstsHeader] },
  ]);
}

/** True when the client reached us over TLS, directly or through a proxy that says so. */
export function isSecureRequest(url: URL, forwardedProto: string | null): boolean {
  return url.protocol === "https:" || forwardedProto?.split(",")[0]?.trim() === "https";
}
