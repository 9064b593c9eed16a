import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { routing, type Locale } from "@/i18n/routing";
import { clientIp } from "@/lib/api/client-ip";
import { logger } from "@/lib/log/logger";
import { attemptLogin, loginErrors } from "./login";
import { endUserSessions } from "./sessions";
import { authSecret, isHttpsRequest, SESSION_MAX_AGE_SECONDS, sessionClaimsSchema } from "./session-token";

const log = logger("auth");

const credentialsSchema = z.object({ email: z.string().max(254), password: z.string().max(200) });

/**
 * next-auth v4 options for one request. Built per request because whether cookies are
 * `Secure` depends on how this request arrived, and sign-in pages on the user's locale.
 */
export function getAuthOptions(req?: Request): AuthOptions {
  const secure = req ? isHttpsRequest(req.headers, req.url) : false;
  const locale = req ? preferredLocale(req.headers) : routing.defaultLocale;
  return {
    secret: authSecret(),
    useSecureCookies: secure,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: `/${locale}/login`, error: `/${locale}/login` },
    logger: {
      error(code, metadata) {
        log.error({ code, err: metadata instanceof Error ? metadata : undefined }, "next-auth error");
      },
      warn(code) {
        // Without NEXTAUTH_URL next-auth only builds redirect URLs for localhost; the login
        // form navigates itself and cookies follow the request's protocol, so nothing is lost.
        if (code !== "NEXTAUTH_URL") log.warn({ code }, "next-auth warning");
      },
      debug(code) {
        log.debug({ code }, "next-auth debug");
      },
    },
    providers: [
      CredentialsProvider({
        name: "Printernizer",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const parsed = credentialsSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const result = await attemptLogin({ ...parsed.data, ip: clientIp(toHeaders(request.headers)) });
          if (result.ok) {
            return { id: result.user.id, name: result.user.name, email: result.user.email, sv: result.user.sessionVersion };
          }
          if (result.reason === "rate_limited") throw new Error(loginErrors.rateLimited);
          if (result.reason === "disabled") throw new Error(loginErrors.disabled);
          if (result.reason === "busy") throw new Error(loginErrors.busy);
          return null;
        },
      }),
    ],
    events: {
      async signOut({ token }) {
        // The JWT stays valid until it expires; moving the session version on makes the
        // server refuse it (and every other session of this user) from now on.
        const claims = sessionClaimsSchema.safeParse(token);
        if (claims.success) await endUserSessions(claims.data.uid, claims.data.sv);
      },
    },
    callbacks: {
      jwt({ token, user }) {
        // `user` is only present right after sign-in; afterwards the claims are carried over unchanged.
        if (user && typeof user.sv === "number") return { ...token, uid: user.id, sv: user.sv };
        return token;
      },
      session({ session, token }) {
        const claims = sessionClaimsSchema.safeParse(token);
        return claims.success ? { ...session, user: { ...session.user, id: claims.data.uid } } : session;
      },
      redirect({ url, baseUrl }) {
        // Only paths on this site; the login form navigates by itself anyway.
        if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
        return URL.canParse(url) && new URL(url).origin === baseUrl ? url : baseUrl;
      },
    },
  };
}

function preferredLocale(headers: Headers): Locale {
  const cookie = /(?:^|;\s*)PRINTERNIZER_LOCALE=([^;]+)/.exec(headers.get("cookie") ?? "")?.[1];
  return routing.locales.find((locale) => locale === cookie) ?? routing.defaultLocale;
}

function toHeaders(raw: Record<string, unknown> | undefined): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (typeof value === "string") headers.set(key, value);
    else if (Array.isArray(value)) headers.set(key, value.filter((v) => typeof v === "string").join(", "));
  }
  return headers;
}
