/**
 * The one module shared code takes Prisma types from. tsconfig.postgres.json maps
 * `@/lib/db/client-types` to client-types.postgres.ts, so `npm run typecheck` checks all
 * code against both generated clients and catches what only one database supports.
 * Import it as `@/lib/db/client-types` (never relatively), or the swap cannot happen.
 */
export type * from "./generated/sqlite/client";
// Runtime values of the namespace (error classes, Prisma.sql) are the same objects in both clients.
export { Prisma } from "./generated/sqlite/client";
export * from "./generated/sqlite/enums";
