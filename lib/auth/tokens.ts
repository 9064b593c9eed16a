import { createHash, randomBytes } from "node:crypto";
import { apiError } from "@/lib/api/errors";
import { audit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { can } from "./permissions";
import { parseScopes, roleAllowsScope, scopesOfRole, serializeScopes, type TokenScope } from "./token-scopes";
import type { ActorContext } from "./users";

/** Personal API tokens look like `pzr_<43 base64url characters>` (32 random bytes). */
export const TOKEN_PREFIX = "pzr_";
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 8;
const LAST_USED_RESOLUTION_MS = 60_000;
const DAY_MS = 86_400_000;
export const DEFAULT_TOKEN_DAYS = 90;

/** The longest lifetime a token may be given: PRINTERNIZER_TOKEN_MAX_DAYS, default 365. */
export function maxTokenDays(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.PRINTERNIZER_TOKEN_MAX_DAYS);
  return Number.isSafeInteger(configured) && configured > 0 ? configured : 365;
}

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const tokenColumns = {
  id: true,
  userId: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
} as const;

export function generateToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeApiToken(value: string): boolean {
  return /^pzr_[A-Za-z0-9_-]{43}$/.test(value);
}

function toRecord<T extends { scopes: string }>(row: T): Omit<T, "scopes"> & { scopes: TokenScope[] } {
  return { ...row, scopes: parseScopes(row.scopes) };
}

/**
 * Creates a token; the plain value is returned here once and never stored. Scopes default
 * to all the owner's role allows, a scope beyond it is refused (422); the lifetime defaults
 * to 90 days and may not pass maxTokenDays().
 */
export async function createApiToken(
  input: { userId: string; name: string; scopes?: readonly TokenScope[]; expiresInDays?: number },
  ctx: ActorContext,
  now = new Date(),
): Promise<{ token: string; apiToken: ApiTokenRecord }> {
  const owner = await db.user.findUnique({ where: { id: input.userId }, select: { role: true } });
  if (!owner) throw apiError("not_found");
  const scopes = input.scopes ?? scopesOfRole(owner.role);
  const beyondRole = scopes.filter((scope) => !roleAllowsScope(owner.role, scope));
  if (beyondRole.length > 0 || scopes.length === 0) {
    throw apiError("validation_failed", {
      issues: [{ path: "scopes", code: "scope_not_allowed", message: `Scopes the role ${owner.role} does not allow: ${beyondRole.join(", ") || "none chosen"}` }],
    });
  }
  const days = input.expiresInDays ?? DEFAULT_TOKEN_DAYS;
  if (days > maxTokenDays()) {
    throw apiError("validation_failed", {
      issues: [{ path: "expiresInDays", code: "too_big", message: `At most ${maxTokenDays()} days` }],
    });
  }
  const token = generateToken();
  const apiToken = toRecord(
    await db.apiToken.create({
      data: {
        userId: input.userId,
        name: input.name.trim(),
        tokenHash: hashToken(token),
        prefix: token.slice(0, SHOWN_PREFIX_LENGTH),
        scopes: serializeScopes(scopes),
        expiresAt: new Date(now.getTime() + days * DAY_MS),
      },
      select: tokenColumns,
    }),
  );
  await audit({
    ...ctx,
    action: "token.created",
    target: apiToken.id,
    details: { owner: input.userId, expiresInDays: days, scopes: apiToken.scopes },
  });
  return { token, apiToken };
}

/** A user's tokens, newest first, including revoked and expired ones. */
export async function listApiTokens(userId: string): Promise<ApiTokenRecord[]> {
  const rows = await db.apiToken.findMany({ where: { userId }, select: tokenColumns, orderBy: { createdAt: "desc" } });
  return rows.map(toRecord);
}

/** Revokes every live token of a user (password change, deactivation); returns how many. */
export async function revokeUserTokens(userId: string, now = new Date()): Promise<number> {
  const { count } = await db.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  return count;
}

/** Owners revoke their own tokens; whoever may manage users revokes anyone's. */
export async function revokeApiToken(
  tokenId: string,
  by: { userId: string; role: string },
  ctx: ActorContext,
  now = new Date(),
): Promise<ApiTokenRecord> {
  const row = await db.apiToken.findUnique({ where: { id: tokenId }, select: tokenColumns });
  const existing = row ? toRecord(row) : null;
  if (!existing || (existing.userId !== by.userId && !can(by.role, "users:manage"))) {
    throw apiError("not_found");
  }
  if (existing.revokedAt) return existing;
  const apiToken = toRecord(await db.apiToken.update({ where: { id: tokenId }, data: { revokedAt: now }, select: tokenColumns }));
  await audit({ ...ctx, action: "token.revoked", target: tokenId, details: { owner: existing.userId } });
  return apiToken;
}

/**
 * The token's id, owner and scopes when it is valid (known, not revoked, not expired). Marks it
 * used, at most once a minute: one conditional update, no write on most requests.
 */
export async function verifyApiToken(
  token: string,
  now = new Date(),
): Promise<{ tokenId: string; userId: string; scopes: TokenScope[] } | null> {
  if (!looksLikeApiToken(token)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, scopes: true, revokedAt: true, expiresAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!row.lastUsedAt || row.lastUsedAt < staleBefore) {
    await db.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  return { tokenId: row.id, userId: row.userId, scopes: parseScopes(row.scopes) };
}
