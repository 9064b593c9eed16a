import { addDays, berlinDayStart } from "@/lib/business/calendar";
import { civilOf } from "@/lib/business/reports/period";
import { db } from "@/lib/db";
import { toBytes, toBytesOrNull } from "./bytes";
import { printFileMetadataSchema } from "./metadata/types";
import { fileTypeOf } from "./file-type";
import type { FileListQuery, FileStatus, FileView } from "./schemas";
import { fileComparator } from "./sort";

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

/** Whether a file's date (as the list shows it) lies within the bounds; an undated file only when there are none. */
function withinDays(modifiedAt: string | null, bounds: { start: Date | null; end: Date | null }): boolean {
  if (!bounds.start && !bounds.end) return true;
  if (!modifiedAt) return false;
  const at = new Date(modifiedAt);
  return (!bounds.start || at >= bounds.start) && (!bounds.end || at < bounds.end);
}

/**
 * The combined list the files page shows: every file on a printer (with its newest
 * download and whether an up-to-date local copy exists) and every local file that is
 * not that current copy (printer file gone, older version, or put there by hand).
 * Status, search, type, date, sort and paging are applied here, on the server; the set is
 * built in memory, which suits the few thousand files of a print shop.
 */
export async function listFiles(query: FileListQuery): Promise<{ files: FileView[]; total: number; page: number; pageSize: number }> {
  const printers = await db.printer.findMany({ select: { id: true, name: true, enabled: true, deletedAt: true } });
  const printerName = new Map(printers.map((p) => [p.id, p.name]));
  const disabled = new Set(printers.filter((p) => !p.enabled).map((p) => p.id));
  // A removed printer's files cannot be fetched any more; its local copies still show as local.
  const live = printers.filter((p) => p.deletedAt === null && (!query.printer || p.id === query.printer)).map((p) => p.id);
  const printerFiles = await db.printerFile.findMany({
    where: { goneAt: null, printerId: { in: live } },
    include: {
      downloads: { orderBy: { queuedAt: "desc" }, take: 1 },
      localFiles: { orderBy: { createdAt: "desc" }, take: 1 },
    },
  });
  const current = new Set<string>();
  const views: FileView[] = [];
  for (const pf of printerFiles) {
    const local = pf.localFiles[0];
    const upToDate = local && local.sourceSize === pf.size && sameTime(local.sourceModifiedAt, pf.modifiedAt) ? local : undefined;
    if (upToDate) current.add(upToDate.id);
    const download = pf.downloads[0];
    let status: FileStatus = upToDate ? "downloaded" : "available";
    if (download && (download.status === "queued" || download.status === "downloading")) status = "downloading";
    else if (!upToDate && download?.status === "failed" && failedOnThisVersion(download, pf)) status = "failed";
    const summary = summaryOf(upToDate?.metadata ?? pf.metadata);
    views.push({
      id: pf.id,
      source: "printer",
      name: pf.name,
      type: fileTypeOf(pf.name || pf.path),
      printerId: pf.printerId,
      printerName: printerName.get(pf.printerId) ?? null,
      path: pf.path,
      status,
      printerDisabled: disabled.has(pf.printerId),
      size: toBytesOrNull(pf.size),
      sha256: upToDate?.sha256 ?? null,
      modifiedAt: iso(pf.modifiedAt),
      localFileId: upToDate?.id ?? null,
      thumbnailUrl: (upToDate?.thumbnailPath ?? pf.thumbnailPath) ? `/api/files/${pf.id}/thumbnail` : null,
      contentUrl: upToDate ? `/api/files/${pf.id}/content` : null,
      ...summary,
      download: download
        ? { id: download.id, status: download.status as NonNullable<FileView["download"]>["status"], bytes: toBytes(download.bytes), total: toBytesOrNull(download.total), speed: download.speed, error: download.error }
        : null,
    });
  }
  const locals = await db.localFile.findMany({ include: { printerFile: { select: { printerId: true, path: true } } } });
  for (const lf of locals) {
    if (current.has(lf.id)) continue;
    const printerId = lf.printerFile?.printerId ?? null;
    if (query.printer && printerId !== query.printer) continue;
    views.push(localFileView(lf, printerId ? (printerName.get(printerId) ?? null) : null));
  }
  const q = query.q?.trim().toLowerCase();
  const days = dayBoundsOf(query);
  const filtered = views.filter(
    (v) =>
      (!query.status || v.status === query.status) &&
      (!query.type || v.type === query.type) &&
      withinDays(v.modifiedAt, days) &&
      (!q || v.name.toLowerCase().includes(q) || (v.path?.toLowerCase().includes(q) ?? false)),
  );
  filtered.sort(fileComparator(query.sort));
  const start = (query.page - 1) * query.pageSize;
  return { files: filtered.slice(start, start + query.pageSize), total: filtered.length, page: query.page, pageSize: query.pageSize };
}
