import { z } from "zod";

export const roles = ["admin", "accountant", "operator", "viewer"] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

export const permissions = [
  "printers:read",
  "printers:control",
  "printers:manage",
  "jobs:read",
  "jobs:customer",
  "files:read",
  "files:download",
  "files:manage",
  "queue:read",
  "queue:manage",
  "alerts:read",
  "alerts:acknowledge",
  "materials:read",
  "business:read",
  "business:export",
  "business:edit",
  "months:close",
  "quotes:manage",
  "events:read",
  "tokens:own",
  "tokens:create",
  "users:manage",
  "settings:manage",
  "audit:read",
] as const;
export type Permission = (typeof permissions)[number];

const everyone: readonly Role[] = roles;
const floor: readonly Role[] = ["admin", "operator"];
const books: readonly Role[] = ["admin", "accountant"];
const staff: readonly Role[] = ["admin", "accountant", "operator"];
const adminOnly: readonly Role[] = ["admin"];

/**
 * THE table of who may do what (ARCHITECTURE.md, Roles). Every page, route handler, event
 * payload and action asks `can()`; nothing else compares roles. Viewers watch printers,
 * jobs and files without customer, order or money; operators run the floor and enter
 * customer, order reference and materials but see no money; accountants see and export
 * the business and close months but control no printer; admins configure Printernizer.
 */
const table: Record<Permission, readonly Role[]> = {
  "printers:read": everyone,
  "printers:control": floor,
  "printers:manage": adminOnly,
  "jobs:read": everyone,
  /** Customer and order reference of a job. */
  "jobs:customer": staff,
  "files:read": everyone,
  "files:download": floor,
  "files:manage": floor,
  /** The print queue, without customer and order reference unless jobs:customer. */
  "queue:read": everyone,
  /** Add, reorder, retarget, pause, cancel and delete queue items. */
  "queue:manage": floor,
  "alerts:read": everyone,
  "alerts:acknowledge": floor,
  /** Materials and spools without prices, to pick them for a job. */
  "materials:read": staff,
  /** Costs, prices, revenue, reports and closed months. */
  "business:read": books,
  /** DATEV and jobs CSV exports. */
  "business:export": books,
  /** Customer, order reference, materials, spools and labour of jobs. */
  "business:edit": floor,
  "months:close": books,
  /** Price quotes: compute, save, list, print and cancel them (they carry money). */
  "quotes:manage": books,
  "events:read": everyone,
  "tokens:own": everyone,
  /** No token scope grants it: only a session (or the CLI) mints tokens. */
  "tokens:create": everyone,
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

export function rolesWith(permission: Permission): Role[] {
  return roles.filter((role) => can(role, permission));
}

export function permissionsOf(role: string): Permission[] {
  return permissions.filter((permission) => can(role, permission));
}
