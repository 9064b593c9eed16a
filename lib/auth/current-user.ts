import { headers as requestHeaders } from "next/headers";
import type { RequestAuth as ApiRequestAuth } from "@/lib/api/handler";
import { db } from "@/lib/db";
import { isRole, permissionsOf, type Permission, type Role } from "./permissions";
import { decodeSessionToken, isHttpsRequest, sessionTokenFromCookies } from "./session-token";
import { tokenPermissions } from "./token-scopes";
import { verifyApiToken } from "./tokens";
import { userColumns } from "./users";

export interface RequestUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string | null;
  /** How this request proved who it is. */
  via: "session" | "token";
  /** The API token used, for "token" requests. */
  tokenId: string | null;
  /** What this request may do: the role's permissions, for a token only those its scopes open too. */
  permissions: readonly Permission[];
}

export type RequestAuth = ApiRequestAuth<RequestUser>;

/**
 * Who is making this request: a Bearer API token, else the next-auth session cookie.
 * The user row is read on every request, so disabling someone, changing their role or
 * their password (sessionVersion) takes effect on their very next request even though
 * their JWT is still valid.
 */
export async function resolveRequestAuth(headers: Headers, url?: string): Promise<RequestAuth> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const verified = match ? await verifyApiToken(match[1]) : null;
    if (!verified) return { kind: "invalid-token" };
    const user = await activeUser(verified.userId, null);
    if (!user) return { kind: "invalid-token" };
    return { kind: "user", user: { ...user, via: "token", tokenId: verified.tokenId, permissions: tokenPermissions(user.role, verified.scopes) } };
  }
  const token = sessionTokenFromCookies(headers.get("cookie"), isHttpsRequest(headers, url));
  if (!token) return { kind: "anonymous" };
  const claims = await decodeSessionToken(token);
  if (!claims) return { kind: "anonymous" };
  const user = await activeUser(claims.uid, claims.sv);
  return user ? { kind: "user", user: { ...user, via: "session", tokenId: null, permissions: permissionsOf(user.role) } } : { kind: "anonymous" };
}

/** The request's user, or null. Without `req` it reads the current request's headers (server components, actions). */
export async function getRequestUser(req?: Request): Promise<RequestUser | null> {
  const auth = req ? await resolveRequestAuth(req.headers, req.url) : await resolveRequestAuth(await requestHeaders());
  return auth.kind === "user" ? auth.user : null;
}

/** Session or token requests get no user when the account is disabled, unknown or its session version moved on. */
async function activeUser(
  id: string,
  sessionVersion: number | null,
): Promise<Omit<RequestUser, "via" | "tokenId" | "permissions"> | null> {
  const row = await db.user.findUnique({ where: { id }, select: userColumns });
  if (!row || row.disabled || !isRole(row.role)) return null;
  if (sessionVersion !== null && row.sessionVersion !== sessionVersion) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, locale: row.locale };
}

/** Whether this request may do something: the check for what a handler shows or changes beyond its route's permission. */
export function userCan(user: Pick<RequestUser, "permissions">, permission: Permission): boolean {
  return user.permissions.includes(permission);
}
