import { createHash, randomBytes } from "node:crypto";
import { apiError } from "@/lib/api/errors";
import { audit } from "@/lib/audit/audit";
import { db } from "@/lib/db";
import { can } from "./permissions";
import type { ActorContext } from "./users";

/** Personal API tokens look like `pzr_<43 base64url characters>` (32 random bytes). */
export const TOKEN_PREFIX = "pzr_";
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 8;
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  prefix: string;
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

/** Creates a token; the plain value is returned here once and never stored. */
export async function createApiToken(
  input: { userId: string; name: string; expiresInDays?: number },
  ctx: ActorContext,
  now = new Date(),
): Promise<{ token: string; apiToken: ApiTokenRecord }> {
  const token = generateToken();
  const apiToken = await db.apiToken.create({
    data: {
      userId: input.userId,
      name: input.name.trim(),
      tokenHash: hashToken(token),
      prefix: token.slice(0, SHOWN_PREFIX_LENGTH),
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
    },
    select: tokenColumns,
  });
  await audit({
    ...ctx,
    action: "token.created",
    target: apiToken.id,
    details: { owner: input.userId, expiresInDays: input.expiresInDays ?? null },
  });
  return { token, apiToken };
}

/** A user's tokens, newest first, including revoked and expired ones. */
export function listApiTokens(userId: string): Promise<ApiTokenRecord[]> {
  return db.apiToken.findMany({ where: { userId }, select: tokenColumns, orderBy: { createdAt: "desc" } });
}

/** Owners revoke their own tokens; whoever may manage users revokes anyone's. */
export async function revokeApiToken(
  tokenId: string,
  by: { userId: string; role: string },
  ctx: ActorContext,
  now = new Date(),
): Promise<ApiTokenRecord> {
  const existing = await db.apiToken.findUnique({ where: { id: tokenId }, select: tokenColumns });
  if (!existing || (existing.userId !== by.userId && !can(by.role, "users:manage"))) {
    throw apiError("not_found");
  }
  if (existing.revokedAt) return existing;
  const apiToken = await db.apiToken.update({
    where: { id: tokenId },
    data: { revokedAt: now },
    select: tokenColumns,
  });
  await audit({ ...ctx, action: "token.revoked", target: tokenId, details: { owner: existing.userId } });
  return apiToken;
}

/**
 * The token's id and owner when it is valid (known, not revoked, not expired). Marks it
 * used, at most once a minute: one conditional update, no write on most requests.
 */
export async function verifyApiToken(
  token: string,
  now = new Date(),
): Promise<{ tokenId: string; userId: string } | null> {
  if (!looksLikeApiToken(token)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, revokedAt: true, expiresAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!row.lastUsedAt || row.lastUsedAt < staleBefore) {
    await db.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  return { tokenId: row.id, userId: row.userId };
}
