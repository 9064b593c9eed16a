import { decode, encode } from "next-auth/jwt";
import { z } from "zod";
import { readOrCreateSecretFile } from "./secret-files";

/** Browser sessions last two weeks from sign-in; role changes end them earlier. */
export const SESSION_MAX_AGE_SECONDS = 14 * 24 * 60 * 60;

const SESSION_COOKIE = "next-auth.session-token";
const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

let cachedSecret: string | null = null;

/**
 * NEXTAUTH_SECRET when set; otherwise a secret generated once and kept in
 * <data dir>/secrets/nextauth-secret, so a fresh install needs no configuration.
 */
export function authSecret(): string {
  const configured = process.env.NEXTAUTH_SECRET?.trim();
  if (configured) return configured;
  cachedSecret ??= readOrCreateSecretFile("nextauth-secret");
  return cachedSecret;
}

/** What our JWT carries besides next-auth's defaults: the user and the session version. */
export const sessionClaimsSchema = z.object({
  uid: z.string().min(1),
  sv: z.int(),
});
export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

/** Cookies are `Secure` exactly when the browser reached us over TLS (directly or via a proxy). */
export function isHttpsRequest(headers: Headers, url?: string): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (forwarded) return forwarded === "https";
  return url?.startsWith("https:") ?? false;
}

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** The session JWT from the Cookie header, joining next-auth's `.0`, `.1` … chunks. */
export function sessionTokenFromCookies(cookieHeader: string | null, secure: boolean): string | null {
  if (!cookieHeader) return null;
  const name = sessionCookieName(secure);
  const parts = new Map<string, string>();
  for (const pair of cookieHeader.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    const key = pair.slice(0, eq).trim();
    if (key === name || key.startsWith(`${name}.`)) parts.set(key, decodeCookieValue(pair.slice(eq + 1).trim()));
  }
  if (parts.size === 0) return null;
  const ordered = [...parts.entries()].sort(([a], [b]) => chunkIndex(a) - chunkIndex(b));
  return ordered.map(([, value]) => value).join("");
}

export async function decodeSessionToken(token: string): Promise<SessionClaims | null> {
  try {
    const payload = await decode({ token, secret: authSecret() });
    const claims = sessionClaimsSchema.safeParse(payload);
    return claims.success ? claims.data : null;
  } catch {
    return null;
  }
}

/** Mints a session JWT as next-auth would; used by tests and tools, not by sign-in. */
export function encodeSessionToken(claims: SessionClaims): Promise<string> {
  return encode({ token: { sub: claims.uid, ...claims }, secret: authSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
}

function chunkIndex(name: string): number {
  const suffix = Number(name.split(".").pop());
  return Number.isInteger(suffix) ? suffix : -1;
}

function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
