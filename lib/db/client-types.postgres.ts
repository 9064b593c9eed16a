/** client-types.ts as seen by `tsc -p tsconfig.postgres.json`: the PostgreSQL client's types. */
export type * from "./generated/postgres/client";
export { Prisma } from "./generated/postgres/client";
export * from "./generated/postgres/enums";
