import { rm, unlink } from "node:fs/promises";
import { berlinDay } from "@/lib/format/date";
import { logger } from "@/lib/log/logger";
import { db } from "@/lib/db";
import type { UploadLimits } from "../config";
import { localFileView } from "../list";
import { recordLocalFile } from "../local-record";
import { resolveInside, sanitizeSegment } from "../names";
import type { FileView } from "../schemas";
import { placeFile, TMP_DIR } from "../storage";
import { inspectUpload } from "./inspect";
import { receiveUpload, type ReceivedFile, type UploadRequest } from "./receive";

const log = logger("files-upload");

/** Uploaded files live under "<UPLOADS_DIR>/<YYYY-MM-DD>/<file>", beside the printers' folders. */
export const UPLOADS_DIR = "uploads";

export interface StoredUpload {
  view: FileView;
  size: number;
  sha256: string;
}

/**
 * A library upload from start to end: the body streamed to part files, every file checked
 * (type, content, readable), then each moved to its place and recorded with its metadata
 * and thumbnail like a file pulled from a printer. Refusing one file refuses the request:
 * part files are removed and nothing is recorded, so the list never shows a half upload.
 */
export async function acceptUpload(request: UploadRequest, root: string, limits: UploadLimits): Promise<StoredUpload[]> {
  const received = await receiveUpload(request, resolveInside(root, TMP_DIR), limits);
  try {
    for (const file of received) await inspectUpload(file.partPath, file.fileName);
  } catch (err) {
    await removeParts(received);
    throw err;
  }
  const day = berlinDay(new Date());
  const stored: StoredUpload[] = [];
  for (const [index, file] of received.entries()) {
    const name = sanitizeSegment(file.fileName);
    let relativePath: string | null = null;
    try {
      relativePath = await placeFile(root, file.partPath, `${UPLOADS_DIR}/${day}/${name}`);
      const id = await recordLocalFile(root, { relativePath, name, size: file.size, sha256: file.sha256, printerFileId: null, sourceSize: null, sourceModifiedAt: null });
      const row = await db.localFile.findUniqueOrThrow({ where: { id }, include: { printerFile: { select: { printerId: true, path: true } } } });
      stored.push({ view: localFileView(row, null), size: file.size, sha256: file.sha256 });
    } catch (err) {
      log.error({ err, file: name }, "upload could not be stored");
      if (relativePath) await rm(resolveInside(root, relativePath), { force: true });
      await removeParts(received.slice(index));
      throw err;
    }
  }
  return stored;
}

async function removeParts(files: ReceivedFile[]): Promise<void> {
  await Promise.all(files.map((file) => unlink(file.partPath).catch(() => undefined)));
}
