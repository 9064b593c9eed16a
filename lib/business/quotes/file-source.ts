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
