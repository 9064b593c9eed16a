import { Prisma } from "./client-types";
import { databaseKind } from "./index";

/**
 * `COLLATE` that compares text byte by byte, for raw ORDER BY clauses that must order the
 * same on both databases: SQLite compares that way by default, PostgreSQL by the database's
 * locale unless told "C".
 */
export function byteCollation(): Prisma.Sql {
  return databaseKind() === "postgresql" ? Prisma.sql` COLLATE "C"` : Prisma.empty;
}
