import { Prisma } from "@/lib/db";
import { byteCollation } from "@/lib/db/sql";
import type { FileListQuery } from "./schemas";

/**
 * ORDER BY of the files list's query (lib/files/list.ts, columns "name", "size",
 * "shownAt", "printerName", "id") for a `sort` value (`-` for descending), ties broken by
 * name and id so pages never overlap. Names compare without regard to ASCII case, byte by
 * byte otherwise, alike on SQLite and PostgreSQL. A size the printer did not report sorts
 * after every known one in both directions: it is no size at all, not a small one. An
 * undated file or one without printer counts as the smallest.
 */
export function fileOrderBy(sort: FileListQuery["sort"]): Prisma.Sql {
  const desc = sort.startsWith("-");
  const key = desc ? sort.slice(1) : sort;
  const dir = Prisma.raw(desc ? "DESC" : "ASC");
  const collate = byteCollation();
  const byName = Prisma.sql`lower("name")${collate} ASC, "name"${collate} ASC, "id"${collate} ASC`;
  if (key === "size") return Prisma.sql`("size" IS NULL) ASC, "size" ${dir}, ${byName}`;
  if (key === "modifiedAt") return Prisma.sql`("shownAt" IS NOT NULL) ${dir}, "shownAt" ${dir}, ${byName}`;
  if (key === "printer") return Prisma.sql`("printerName" IS NOT NULL) ${dir}, lower("printerName")${collate} ${dir}, ${byName}`;
  return Prisma.sql`lower("name")${collate} ${dir}, "name"${collate} ${dir}, "id"${collate} ${dir}`;
}
