import { z } from "zod";
import { can, permissionsOf, type Permission } from "./permissions";

/** What an API token may be used for, chosen when it is created. */
export const tokenScopes = ["read", "printers:control", "files", "queue", "business", "admin"] as const;
export type TokenScope = (typeof tokenScopes)[number];
export const tokenScopeSchema = z.enum(tokenScopes);

/**
 * The permissions each scope opens. `tokens:create` is in no scope: tokens never mint tokens.
 */
const scopePermissions: Record<TokenScope, readonly Permission[]> = {
  read: ["printers:read", "jobs:read", "files:read", "queue:read", "alerts:read", "events:read", "tokens:own"],
  "printers:control": ["printers:control", "alerts:acknowledge"],
  files: ["files:download", "files:manage"],
  queue: ["queue:manage"],
  business: ["jobs:customer", "materials:read", "business:read", "business:export", "business:edit", "months:close", "quotes:manage"],
  admin: ["printers:manage", "users:manage", "settings:manage", "audit:read"],
};

/** A role may give a token a scope when it holds at least one of the scope's permissions. */
export function roleAllowsScope(role: string, scope: TokenScope): boolean {
  return scopePermissions[scope].some((permission) => can(role, permission));
}

export function scopesOfRole(role: string): TokenScope[] {
  return tokenScopes.filter((scope) => roleAllowsScope(role, scope));
}

/** The scopes that open a permission. */
export function scopesGranting(permission: Permission): TokenScope[] {
  return tokenScopes.filter((scope) => scopePermissions[scope].includes(permission));
}

/** A token's effective permissions: its scopes intersected with its owner's current role. */
export function tokenPermissions(role: string, scopes: readonly TokenScope[]): Permission[] {
  const opened = new Set(scopes.flatMap((scope) => scopePermissions[scope]));
  return permissionsOf(role).filter((permission) => opened.has(permission));
}

/** Stored as a comma-separated list; unknown names (a hand-edited row) count as nothing. */
export function parseScopes(stored: string): TokenScope[] {
  return tokenScopes.filter((scope) => stored.split(",").includes(scope));
}

export function serializeScopes(scopes: readonly TokenScope[]): string {
  return tokenScopes.filter((scope) => scopes.includes(scope)).join(",");
}
