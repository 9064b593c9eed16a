import { apiError } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { printFileMetadataSchema, type PrintFileMetadata } from "@/lib/files/metadata/types";

/** The stored metadata of any file the files list shows, by its id there (a printer file's or a local file's). */
export interface QuoteFile {
  fileId: string;
  fileName: string;
  metadata: PrintFileMetadata | null;
}

function parsed(json: string | null | undefined): PrintFileMetadata | null {
  if (!json) return null;
  try {
    const result = printFileMetadataSchema.safeParse(JSON.parse(json));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/** A local copy's metadata, else its printer file's; a printer file's, else its newest local copy's. */
export async function readQuoteFile(fileId: string): Promise<QuoteFile> {
  const local = await db.localFile.findUnique({ where: { id: fileId }, select: { name: true, metadata: true, printerFile: { select: { metadata: true } } } });
  if (local) return { fileId, fileName: local.name, metadata: parsed(local.metadata) ?? parsed(local.printerFile?.metadata) };
  const remote = await db.printerFile.findUnique({
    where: { id: fileId },
    select: { name: true, metadata: true, localFiles: { select: { metadata: true }, orderBy: { createdAt: "desc" }, take: 1 } },
  });
  if (!remote) throw apiError("not_found");
  return { fileId, fileName: remote.name, metadata: parsed(remote.metadata) ?? parsed(remote.localFiles[0]?.metadata) };
}

export interface QuotableFile {
  id: string;
  name: string;
  /** The printer it lies on; null for files only kept here. */
  printerName: string | null;
}

/**
 * Files a quote can be made from: those whose stored metadata states a print time,
 * newest first, each once (a printer file stands for its local copies).
 */
export async function quotableFiles(limit = 300): Promise<QuotableFile[]> {
  const hasTime = (json: string | null | undefined) => {
    const metadata = parsed(json);
    return metadata !== null && (metadata.printSeconds !== null || metadata.plates.some((p) => p.printSeconds !== undefined));
  };
  const printers = await db.printer.findMany({ where: { deletedAt: null }, select: { id: true, name: true } });
  const printerName = new Map(printers.map((p) => [p.id, p.name]));
  const remote = await db.printerFile.findMany({
    where: { goneAt: null, printerId: { in: printers.map((p) => p.id) } },
    select: { id: true, name: true, printerId: true, metadata: true, localFiles: { select: { metadata: true }, orderBy: { createdAt: "desc" }, take: 1 } },
    orderBy: { seenAt: "desc" },
    take: limit,
  });
  const local = await db.localFile.findMany({
    where: { metadata: { not: null }, OR: [{ printerFileId: null }, { printerFile: { goneAt: { not: null } } }] },
    select: { id: true, name: true, metadata: true },
    orderBy: { createdAt: "desc" },
    take: limit,
  });
  return [
    ...remote.filter((f) => hasTime(f.metadata) || hasTime(f.localFiles[0]?.metadata)).map((f) => ({ id: f.id, name: f.name, printerName: printerName.get(f.printerId) ?? null })),
    ...local.filter((f) => hasTime(f.metadata)).map((f) => ({ id: f.id, name: f.name, printerName: null })),
  ];
}
