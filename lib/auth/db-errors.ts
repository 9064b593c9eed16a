/** Prisma's "unique constraint failed" (P2002), the same code on SQLite and PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
