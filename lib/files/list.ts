import { addDays, berlinDayStart } from "@/lib/business/calendar";
import { civilOf } from "@/lib/business/reports/period";
import { db, Prisma } from "@/lib/db";
import { toBytes, toBytesOrNull } from "./bytes";
import { printFileMetadataSchema } from "./metadata/types";
import { fileTypeOf } from "./file-type";
import type { FileListQuery, FileStatus, FileView } from "./schemas";
import { fileOrderBy } from "./sort";

interface Summary {
  /** A 3MF project without sliced plates: it must be sliced before any printer can print it. */
  needsSlicing: boolean;
  printSeconds: number | null;
  filamentGrams: number | null;
  filaments: { type: string | null; color: string | null }[];
}

const noSummary: Summary = { needsSlicing: false, printSeconds: null, filamentGrams: null, filaments: [] };

/** Print time and filament from stored metadata JSON (written by the worker, still validated). */
function summaryOf(json: string | null): Summary {
  if (!json) return noSummary;
  try {
    const parsed = printFileMetadataSchema.safeParse(JSON.parse(json));
    if (!parsed.success) return noSummary;
    const m = parsed.data;
    return { needsSlicing: m.kind === "3mf", printSeconds: m.printSeconds, filamentGrams: m.filamentGrams, filaments: m.filaments.map((f) => ({ type: f.type, color: f.color })) };
  } catch {
    return noSummary;
  }
}

interface LocalFileRow {
  id: string;
  name: string;
  size: bigint;
  sha256: string;
  sourceModifiedAt: Date | null;
  createdAt: Date;
  metadata: string | null;
  thumbnailPath: string | null;
  printerFile: { printerId: string; path: string } | null;
}

/** A local file that is not the current copy of a printer file, as the list shows it. */
export function localFileView(lf: LocalFileRow, printerName: string | null): FileView {
  return {
    id: lf.id,
    source: "local",
    name: lf.name,
    type: fileTypeOf(lf.name),
    printerId: lf.printerFile?.printerId ?? null,
    printerName,
    path: lf.printerFile?.path ?? null,
    status: "local",
    printerDisabled: false,
    size: toBytes(lf.size),
    sha256: lf.sha256,
    modifiedAt: iso(lf.sourceModifiedAt ?? lf.createdAt),
    localFileId: lf.id,
    thumbnailUrl: lf.thumbnailPath ? `/api/files/${lf.id}/thumbnail` : null,
    contentUrl: `/api/files/${lf.id}/content`,
    ...summaryOf(lf.metadata),
    download: null,
  };
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Whether a failed download was an attempt at the file as the printer lists it now.
 * The attempt recorded the listed size in `total` when it started; a different size
 * now, or a modified time after the attempt began, means a later listing saw a new
 * version, to which the old failure does not apply.
 */
export function failedOnThisVersion(
  download: { total: bigint | null; queuedAt: Date; startedAt: Date | null },
  file: { size: bigint | null; modifiedAt: Date | null },
): boolean {
  if (download.total !== null && file.size !== null && download.total !== file.size) return false;
  return !(file.modifiedAt && file.modifiedAt > (download.startedAt ?? download.queuedAt));
}

/** The query's Berlin days as instants: from 00:00 of `from` (inclusive) to 00:00 after `to` (exclusive). */
function dayBoundsOf(query: FileListQuery): { start: Date | null; end: Date | null } {
  return {
    start: query.from ? berlinDayStart(civilOf(query.from)) : null,
    end: query.to ? berlinDayStart(addDays(civilOf(query.to), 1)) : null,
  };
}

/** SQL text that is `a = b`, with two NULLs counting as equal. */
const sameValue = (a: Prisma.Sql, b: Prisma.Sql) => Prisma.sql`(${a} = ${b} OR (${a} IS NULL AND ${b} IS NULL))`;

/** fileTypeOf() in SQL, for the type filter. */
function typeOfSql(name: Prisma.Sql): Prisma.Sql {
  const ends = (...suffixes: string[]) => Prisma.join(suffixes.map((suffix) => Prisma.sql`lower(${name}) LIKE ${`%${suffix}`}`), " OR ");
  return Prisma.sql`CASE WHEN ${ends(".gcode.3mf")} THEN 'gcode.3mf' WHEN ${ends(".3mf")} THEN '3mf' WHEN ${ends(".bgcode", ".bgc")} THEN 'bgcode'
    WHEN ${ends(".gcode", ".gco", ".g")} THEN 'gcode' ELSE 'other' END`;
}

/** `%text%` for LIKE … ESCAPE '\\', the text lower-cased and its wildcards taken literally. */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The list's rows as one query: every file on a live printer with the status the page
 * shows (its newest download and whether the newest local copy is of this version), and
 * every local file that is not such a current copy. Filtered, ordered and paged by the
 * database; the same rules as printerFileView() and failedOnThisVersion(), in SQL.
 */
function listRowsSql(query: FileListQuery): Prisma.Sql {
  const printerOnly = query.printer ? Prisma.sql`AND f."printerId" = ${query.printer}` : Prisma.empty;
  const localPrinterOnly = query.printer ? Prisma.sql`AND lf_pf."printerId" = ${query.printer}` : Prisma.empty;
  return Prisma.sql`
    WITH newest AS MATERIALIZED (
      SELECT f."id", f."name", f."path", f."size", f."modifiedAt", p."name" AS "printerName",
        (SELECT l."id" FROM "LocalFile" l WHERE l."printerFileId" = f."id" ORDER BY l."createdAt" DESC, l."id" DESC LIMIT 1) AS "localId",
        (SELECT d."id" FROM "Download" d WHERE d."printerFileId" = f."id" ORDER BY d."queuedAt" DESC, d."id" DESC LIMIT 1) AS "downloadId"
      FROM "PrinterFile" f JOIN "Printer" p ON p."id" = f."printerId"
      WHERE f."goneAt" IS NULL AND p."deletedAt" IS NULL ${printerOnly}
    ),
    printer_rows AS MATERIALIZED (
      SELECT n."id", n."name", n."path", n."size", n."modifiedAt" AS "shownAt", n."printerName",
        CASE WHEN ${sameValue(Prisma.sql`l."sourceSize"`, Prisma.sql`n."size"`)} AND ${sameValue(Prisma.sql`l."sourceModifiedAt"`, Prisma.sql`n."modifiedAt"`)}
          THEN l."id" END AS "currentId",
        d."status" AS "downloadStatus", d."total", d."queuedAt", d."startedAt"
      FROM newest n LEFT JOIN "LocalFile" l ON l."id" = n."localId" LEFT JOIN "Download" d ON d."id" = n."downloadId"
    ),
    list_rows AS (
      SELECT r."id", 'printer' AS "source", r."name", r."path", r."size", r."shownAt", r."printerName",
        ${typeOfSql(Prisma.sql`COALESCE(NULLIF(r."name", ''), r."path")`)} AS "type",
        CASE
          WHEN r."downloadStatus" IN ('queued', 'downloading') THEN 'downloading'
          WHEN r."currentId" IS NOT NULL THEN 'downloaded'
          WHEN r."downloadStatus" = 'failed'
            AND NOT (r."total" IS NOT NULL AND r."size" IS NOT NULL AND r."total" <> r."size")
            AND NOT (r."shownAt" IS NOT NULL AND r."shownAt" > COALESCE(r."startedAt", r."queuedAt")) THEN 'failed'
          ELSE 'available'
        END AS "status"
      FROM printer_rows r
      UNION ALL
      SELECT lf."id", 'local', lf."name", lf_pf."path", lf."size", COALESCE(lf."sourceModifiedAt", lf."createdAt"), lf_p."name",
        ${typeOfSql(Prisma.sql`lf."name"`)}, 'local'
      FROM "LocalFile" lf
        LEFT JOIN "PrinterFile" lf_pf ON lf_pf."id" = lf."printerFileId"
        LEFT JOIN "Printer" lf_p ON lf_p."id" = lf_pf."printerId"
      WHERE NOT EXISTS (SELECT 1 FROM printer_rows c WHERE c."currentId" = lf."id") ${localPrinterOnly}
    )`;
}

function listFilterSql(query: FileListQuery): Prisma.Sql {
  const days = dayBoundsOf(query);
  const q = query.q?.trim();
  const conditions = [
    query.status ? Prisma.sql`"status" = ${query.status}` : null,
    query.type ? Prisma.sql`"type" = ${query.type}` : null,
    days.start ? Prisma.sql`"shownAt" >= ${days.start}` : null,
    days.end ? Prisma.sql`"shownAt" < ${days.end}` : null,
    q ? Prisma.sql`(lower("name") LIKE ${containsPattern(q)} ESCAPE '\\' OR lower("path") LIKE ${containsPattern(q)} ESCAPE '\\')` : null,
  ].filter((condition) => condition !== null);
  return conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

const includeNewest = {
  downloads: { orderBy: [{ queuedAt: "desc" as const }, { id: "desc" as const }], take: 1 },
  localFiles: { orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }], take: 1 },
} satisfies Prisma.PrinterFileInclude;

type PrinterFileRow = Prisma.PrinterFileGetPayload<{ include: typeof includeNewest }>;

/** A file on a printer as the list shows it, with its newest download and whether the newest local copy is of this version. */
function printerFileView(pf: PrinterFileRow, printer: { name: string; enabled: boolean } | undefined): FileView {
  const local = pf.localFiles[0];
  const upToDate = local && local.sourceSize === pf.size && sameTime(local.sourceModifiedAt, pf.modifiedAt) ? local : undefined;
  const download = pf.downloads[0];
  let status: FileStatus = upToDate ? "downloaded" : "available";
  if (download && (download.status === "queued" || download.status === "downloading")) status = "downloading";
  else if (!upToDate && download?.status === "failed" && failedOnThisVersion(download, pf)) status = "failed";
  return {
    id: pf.id,
    source: "printer",
    name: pf.name,
    type: fileTypeOf(pf.name || pf.path),
    printerId: pf.printerId,
    printerName: printer?.name ?? null,
    path: pf.path,
    status,
    printerDisabled: printer ? !printer.enabled : false,
    size: toBytesOrNull(pf.size),
    sha256: upToDate?.sha256 ?? null,
    modifiedAt: iso(pf.modifiedAt),
    localFileId: upToDate?.id ?? null,
    thumbnailUrl: (upToDate?.thumbnailPath ?? pf.thumbnailPath) ? `/api/files/${pf.id}/thumbnail` : null,
    contentUrl: upToDate ? `/api/files/${pf.id}/content` : null,
    ...summaryOf(upToDate?.metadata ?? pf.metadata),
    download: download
      ? { id: download.id, status: download.status as NonNullable<FileView["download"]>["status"], bytes: toBytes(download.bytes), total: toBytesOrNull(download.total), speed: download.speed, error: download.error }
      : null,
  };
}

/**
 * The combined list the files page shows: every file on a printer (with its newest
 * download and whether an up-to-date local copy exists) and every local file that is
 * not that current copy (printer file gone, older version, or uploaded). Status, search,
 * type, date, sort and paging run in the database, so a page costs one page of rows
 * however many files there are; only that page's rows are then read in full.
 */
export async function listFiles(query: FileListQuery): Promise<{ files: FileView[]; total: number; page: number; pageSize: number }> {
  const rows = listRowsSql(query);
  const where = listFilterSql(query);
  const offset = (query.page - 1) * query.pageSize;
  const [counted, page] = await Promise.all([
    db.$queryRaw<{ total: bigint | number }[]>`${rows} SELECT count(*) AS "total" FROM list_rows ${where}`,
    db.$queryRaw<{ id: string; source: "printer" | "local" }[]>`${rows} SELECT "id", "source" FROM list_rows ${where} ORDER BY ${fileOrderBy(query.sort)} LIMIT ${query.pageSize} OFFSET ${offset}`,
  ]);
  const printerIds = page.filter((row) => row.source === "printer").map((row) => row.id);
  const localIds = page.filter((row) => row.source === "local").map((row) => row.id);
  const [printerFiles, locals, printers] = await Promise.all([
    printerIds.length > 0 ? db.printerFile.findMany({ where: { id: { in: printerIds } }, include: includeNewest }) : [],
    localIds.length > 0 ? db.localFile.findMany({ where: { id: { in: localIds } }, include: { printerFile: { select: { printerId: true, path: true } } } }) : [],
    db.printer.findMany({ select: { id: true, name: true, enabled: true } }),
  ]);
  const printerById = new Map(printers.map((p) => [p.id, p]));
  const views = new Map<string, FileView>([
    ...printerFiles.map((pf) => [pf.id, printerFileView(pf, printerById.get(pf.printerId))] as const),
    ...locals.map((lf) => {
      const printerId = lf.printerFile?.printerId;
      return [lf.id, localFileView(lf, printerId ? (printerById.get(printerId)?.name ?? null) : null)] as const;
    }),
  ]);
  const files = page.map((row) => views.get(row.id)).filter((view) => view !== undefined);
  return { files, total: Number(counted[0]?.total ?? 0), page: query.page, pageSize: query.pageSize };
}
