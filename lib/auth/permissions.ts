import { z } from "zod";

export const roles = ["admin", "operator", "viewer"] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

export const permissions = [
  "printers:read",
  "printers:control",
  "printers:manage",
  "jobs:read",
  "files:read",
  "files:download",
  "files:manage",
  "alerts:read",
  "alerts:acknowledge",
  "reports:read",
  "business:edit",
  "events:read",
  "tokens:own",
  "users:manage",
  "settings:manage",
  "audit:read",
] as const;
export type Permission = (typeof permissions)[number];

const everyone: readonly Role[] = roles;
const staff: readonly Role[] = ["admin", "operator"];
const adminOnly: readonly Role[] = ["admin"];

/**
 * THE table of who may do what. Every page, route handler and action asks `can()`;
 * nothing else compares roles. Viewers watch, operators run the printers and their
 * files, admins configure Printernizer and manage people.
 */
const table: Record<Permission, readonly Role[]> = {
  "printers:read": everyone,
  "printers:control": staff,
  "printers:manage": adminOnly,
  "jobs:read": everyone,
  "files:read": everyone,
  "files:download": staff,
  "files:manage": staff,
  "alerts:read": everyone,
  "alerts:acknowledge": staff,
  "reports:read": everyone,
  "business:edit": staff,
  "events:read": everyone,
  "tokens:own": everyone,
  "users:manage": adminOnly,
  "settings:manage": adminOnly,
  "audit:read": adminOnly,
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/** Unknown roles (e.g. a row edited by hand) get nothing. */
export function can(role: string, permission: Permission): boolean {
  return isRole(role) && table[permission].includes(role);
}

export function permissionsOf(role: string): Permission[] {
  return permissions.filter((permission) => can(role, permission));
}
