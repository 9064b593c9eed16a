import { db } from "@/lib/db";
import { toBytesOrNull } from "@/lib/files/bytes";
import { displayName } from "@/lib/files/names";
import { queueIfIdle } from "@/lib/files/queue";
import type { RemoteFile } from "@/lib/printers/types";

export interface SyncCounts {
  added: number;
  changed: number;
  gone: number;
  /** Changed files that had been downloaded: queued again so the local copy follows the printer. */
  requeued: number;
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * Writes one listing of a printer's storage: new files are added, changed ones
 * (size or date) updated, files no longer listed get `goneAt` (kept for the history of
 * their downloads; cleared if they come back). A changed file that had a local copy is
 * queued for download again. A listing without sizes (PrusaLink's Buddy lists folders
 * without them) keeps a size learnt elsewhere (file details, a verified download) until
 * the file's date says it changed.
 */
export async function applyListing(printerId: string, files: readonly RemoteFile[], now = new Date()): Promise<SyncCounts> {
  const existing = await db.printerFile.findMany({
    where: { printerId },
    select: { id: true, path: true, size: true, modifiedAt: true, goneAt: true, _count: { select: { localFiles: true } } },
  });
  const byPath = new Map(existing.map((row) => [row.path, row]));
  const counts: SyncCounts = { added: 0, changed: 0, gone: 0, requeued: 0 };
  const listed = new Set<string>();
  for (const file of files) {
    if (listed.has(file.path)) continue;
    listed.add(file.path);
    const row = byPath.get(file.path);
    if (!row) {
      await db.printerFile.create({
        data: { printerId, path: file.path, name: displayName(file.name), size: file.size, modifiedAt: file.modifiedAt, seenAt: now },
      });
      counts.added += 1;
      continue;
    }
    const dateChanged = !sameTime(row.modifiedAt, file.modifiedAt);
    const changed = dateChanged || (file.size !== null && toBytesOrNull(row.size) !== file.size);
    await db.printerFile.update({
      where: { id: row.id },
      data: {
        name: displayName(file.name),
        size: file.size ?? (dateChanged ? null : row.size),
        modifiedAt: file.modifiedAt,
        seenAt: now,
        goneAt: null,
        ...(changed ? { metadata: null, thumbnailPath: null } : {}),
      },
    });
    if (changed) {
      counts.changed += 1;
      if (row._count.localFiles > 0 && (await queueIfIdle(row.id, printerId, null))) counts.requeued += 1;
    }
  }
  const vanished = existing.filter((row) => !listed.has(row.path) && row.goneAt === null).map((row) => row.id);
  if (vanished.length > 0) {
    const { count } = await db.printerFile.updateMany({ where: { id: { in: vanished } }, data: { goneAt: now } });
    counts.gone = count;
  }
  return counts;
}
