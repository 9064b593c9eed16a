import { routing } from "@/i18n/routing";
import type { ApiTokenDto, UserDto } from "./schemas";
import type { ApiTokenRecord } from "./tokens";
import type { UserRecord } from "./users";
import { isRole } from "./permissions";

/** Database rows to wire format: ISO dates, no internals (hashes, session versions). */
export function toUserDto(user: UserRecord): UserDto {
  if (!isRole(user.role)) throw new Error(`User ${user.id} has an unknown role`);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: user.disabled,
    locale: routing.locales.find((locale) => locale === user.locale) ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export function toApiTokenDto(token: ApiTokenRecord): ApiTokenDto {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    scopes: token.scopes,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
