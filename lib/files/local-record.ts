import { mkdir, writeFile } from "node:fs/promises";
import { db } from "@/lib/db";
import { readPrintFileMetadata, readThumbnail } from "./metadata";
import { resolveInside } from "./names";
import { THUMBS_DIR } from "./storage";
import { logger } from "@/lib/log/logger";

const log = logger("files");

export interface NewLocalFile {
  relativePath: string;
  name: string;
  size: number;
  sha256: string;
  printerFileId: string | null;
  sourceSize: number | null;
  sourceModifiedAt: Date | null;
}

/**
 * Records a file that now sits complete under the files root, with its metadata and
 * thumbnail when the file is a print file we can read (a file we cannot parse is still
 * a good download: extraction failures are logged, not fatal).
 */
export async function recordLocalFile(root: string, file: NewLocalFile): Promise<string> {
  const full = resolveInside(root, file.relativePath);
  const metadata = await readPrintFileMetadata(full).catch((err: unknown) => {
    log.info({ file: file.relativePath, err: err instanceof Error ? err.message : String(err) }, "no metadata");
    return null;
  });
  const row = await db.localFile.create({
    data: { ...file, metadata: metadata ? JSON.stringify(metadata) : null },
    select: { id: true },
  });
  const thumbnail = metadata ? await readThumbnail(full, { preferLargest: true }).catch(() => null) : null;
  if (thumbnail) {
    const relative = `${THUMBS_DIR}/${row.id}.${thumbnail.format}`;
    await mkdir(resolveInside(root, THUMBS_DIR), { recursive: true });
    await writeFile(resolveInside(root, relative), thumbnail.data);
    await db.localFile.update({ where: { id: row.id }, data: { thumbnailPath: relative } });
    if (file.printerFileId) {
      await db.printerFile.update({
        where: { id: file.printerFileId },
        data: { thumbnailPath: relative, metadata: JSON.stringify(metadata) },
      });
    }
  } else if (metadata && file.printerFileId) {
    await db.printerFile.update({ where: { id: file.printerFileId }, data: { metadata: JSON.stringify(metadata) } });
  }
  return row.id;
}
