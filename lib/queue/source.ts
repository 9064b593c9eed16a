import { db } from "@/lib/db";
import { fileTypeOf } from "@/lib/files/file-type";
import { printFileMetadataSchema, type PrintFileMetadata } from "@/lib/files/metadata/types";
import type { FileType } from "@/lib/files/schemas";

/**
 * The file behind a queue item's `fileId` (an id as GET /api/files lists them): a local
 * file, or a file on a printer with its newest local copy. Where it can be printed
 * without an upload, and what the dispatch would send.
 */
export interface QueueSource {
  id: string;
  name: string;
  type: FileType;
  metadata: PrintFileMetadata | null;
  thumbnailUrl: string | null;
  /** The local copy an upload sends; null when the file lies only on a printer. */
  localFileId: string | null;
  size: bigint | null;
  /** The printer file it is (or was copied from), still listed on its printer. */
  onPrinter: { printerId: string; path: string } | null;
}

function parsedMetadata(json: string | null | undefined): PrintFileMetadata | null {
  if (!json) return null;
  try {
    const parsed = printFileMetadataSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function resolveQueueSource(fileId: string): Promise<QueueSource | null> {
  const local = await db.localFile.findUnique({ where: { id: fileId }, include: { printerFile: true } });
  if (local) {
    const pf = local.printerFile && !local.printerFile.goneAt ? local.printerFile : null;
    return {
      id: local.id,
      name: local.name,
      type: fileTypeOf(local.name),
      metadata: parsedMetadata(local.metadata) ?? parsedMetadata(pf?.metadata),
      thumbnailUrl: local.thumbnailPath ? `/api/files/${local.id}/thumbnail` : null,
      localFileId: local.id,
      size: local.size,
      onPrinter: pf && pf.size === local.size ? { printerId: pf.printerId, path: pf.path } : null,
    };
  }
  const pf = await db.printerFile.findUnique({ where: { id: fileId }, include: { localFiles: { orderBy: { createdAt: "desc" }, take: 1 } } });
  if (!pf) return null;
  const copy = pf.localFiles[0] ?? null;
  return {
    id: pf.id,
    name: pf.name,
    type: fileTypeOf(pf.name || pf.path),
    metadata: parsedMetadata(copy?.metadata) ?? parsedMetadata(pf.metadata),
    thumbnailUrl: (copy?.thumbnailPath ?? pf.thumbnailPath) ? `/api/files/${pf.id}/thumbnail` : null,
    localFileId: copy?.id ?? null,
    size: copy?.size ?? pf.size,
    onPrinter: pf.goneAt ? null : { printerId: pf.printerId, path: pf.path },
  };
}

/** Print time of the plate (the file's whole time when the plate does not say). */
export function printSecondsOf(metadata: PrintFileMetadata | null, plate: number | null): number | null {
  if (!metadata) return null;
  const chosen = metadata.plates.find((p) => p.index === (plate ?? metadata.plates[0]?.index));
  return chosen?.printSeconds ?? metadata.printSeconds;
}
