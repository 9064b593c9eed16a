import { db } from "@/lib/db";
import { toBytes, toBytesOrNull } from "./bytes";
import { printFileMetadataSchema } from "./metadata/types";
import { fileTypeOf } from "./file-type";
import type { FileListQuery, FileStatus, FileView } from "./schemas";
import { fileComparator } from "./sort";

interface Summary {
  printSeconds: number | null;
  filamentGrams: number | null;
  filaments: { type: string | null; color: string | null }[];
}

const noSummary: Summary = { printSeconds: null, filamentGrams: null, filaments: [] };

/** Print time and filament from stored metadata JSON (written by the worker, still validated). */
function summaryOf(json: string | null): Summary {
  if (!json) return noSummary;
  try {
    const parsed = printFileMetadataSchema.safeParse(JSON.parse(json));
    if (!parsed.success) return noSummary;
    const m = parsed.data;
    return { printSeconds: m.printSeconds, filamentGrams: m.filamentGrams, filaments: m.filaments.map((f) => ({ type: f.type, color: f.color })) };
  } catch {
    return noSummary;
  }
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The combined list the files page shows: every file on a printer (with its newest
 * download and whether an up-to-date local copy exists) and every local file that is
 * not that current copy (printer file gone, older version, or put there by hand).
 * Status, search, type, sort and paging are applied here, on the server; the set is
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
    else if (!upToDate && download?.status === "failed") status = "failed";
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
    views.push({
      id: lf.id,
      source: "local",
      name: lf.name,
      type: fileTypeOf(lf.name),
      printerId,
      printerName: printerId ? (printerName.get(printerId) ?? null) : null,
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
    });
  }
  const q = query.q?.trim().toLowerCase();
  const filtered = views.filter(
    (v) =>
      (!query.status || v.status === query.status) &&
      (!query.type || v.type === query.type) &&
      (!q || v.name.toLowerCase().includes(q) || (v.path?.toLowerCase().includes(q) ?? false)),
  );
  filtered.sort(fileComparator(query.sort));
  const start = (query.page - 1) * query.pageSize;
  return { files: filtered.slice(start, start + query.pageSize), total: filtered.length, page: query.page, pageSize: query.pageSize };
}
