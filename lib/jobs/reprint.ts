import { z } from "zod";
import { db } from "@/lib/db";
import { fileTypeOf } from "@/lib/files/file-type";
import type { FileType } from "@/lib/files/schemas";
import { candidateNames, pickFile } from "./thumbnails";

/** What "Print again" starts from: a file as GET /api/files names it, and the plate and AMS mapping of the last print where known. */
export interface ReprintSource {
  file: { id: string; name: string; type: FileType };
  plate: number | null;
  amsMapping: number[] | null;
}

const mappingSchema = z.array(z.number().int());

function parseMapping(json: string | null): number[] | null {
  if (!json) return null;
  try {
    const parsed = mappingSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const asSource = (id: string, name: string, plate: number | null, amsMapping: number[] | null): ReprintSource => ({
  file: { id, name, type: fileTypeOf(name) },
  plate,
  amsMapping,
});

/** A queue item's file id (a local file or a printer file) with its name, if it still exists. */
async function namedFile(id: string): Promise<{ id: string; name: string } | null> {
  const local = await db.localFile.findUnique({ where: { id }, select: { id: true, name: true } });
  if (local) return local;
  return db.printerFile.findUnique({ where: { id }, select: { id: true, name: true } });
}

/**
 * The file a job printed, to print it again: the queue item's file, plate and mapping
 * when the queue started the job; otherwise the file the printer named, found in its
 * listing (a file gone from the printer by its newest local copy). Null when none is known.
 */
export async function reprintSource(job: { printerId: string; name: string; fileName: string | null; queueItemId: string | null }): Promise<ReprintSource | null> {
  if (job.queueItemId) {
    const item = await db.queueItem.findUnique({ where: { id: job.queueItemId }, select: { fileId: true, plate: true, amsMapping: true } });
    const file = item ? await namedFile(item.fileId) : null;
    if (item && file) return asSource(file.id, file.name, item.plate, parseMapping(item.amsMapping));
  }
  if (!job.fileName) return null;
  const current = { printerId: job.printerId, fileName: job.fileName, jobName: job.name };
  const rows = await db.printerFile.findMany({
    where: { printerId: job.printerId, OR: [{ path: job.fileName }, { name: { in: candidateNames(current) } }] },
    select: { id: true, printerId: true, path: true, name: true, goneAt: true, seenAt: true, localFiles: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true } } },
  });
  const picked = pickFile(current, rows.map((r) => ({ ...r, hasThumbnail: false })));
  const row = picked ? rows.find((r) => r.id === picked.id) : undefined;
  if (!row) return null;
  if (row.goneAt === null) return asSource(row.id, row.name, null, null);
  const local = row.localFiles[0];
  return local ? asSource(local.id, row.name, null, null) : null;
}
