import { withFileSource, type ByteSource } from "./byte-source";
import { readBgcodeThumbnailImage } from "./bgcode-thumbnail";
import { detectFormat } from "./detect-format";
import { readGcodeThumbnail } from "./gcode-thumbnail";
import { openPrintZip } from "./read-3mf";
import { guardParse } from "./guard-parse";
import type { ReadThumbnailOptions, ThumbnailImage } from "./types";
import { readZipThumbnail } from "./zip-thumbnail";

export async function readThumbnailFromSource(
  source: ByteSource,
  fileName: string,
  options: ReadThumbnailOptions = {},
): Promise<ThumbnailImage | null> {
  const preferLargest = options.preferLargest ?? true;
  return guardParse(fileName, async () => {
    switch (await detectFormat(source, fileName)) {
      case "zip": {
        const { zip, kind } = await openPrintZip(source);
        return readZipThumbnail(zip, kind, options.plate, preferLargest);
      }
      case "bgcode":
        return readBgcodeThumbnailImage(source, options.plate, preferLargest);
      case "gcode":
        return readGcodeThumbnail(source, options.plate, preferLargest);
    }
  });
}

/**
 * The picture of a print file (a plate's, for multi-plate 3MF) as PNG or JPEG bytes
 * checked to be what they claim; null when the file has none a browser can show.
 * Throws MetadataError like readPrintFileMetadata.
 */
export async function readThumbnail(filePath: string, options: ReadThumbnailOptions = {}): Promise<ThumbnailImage | null> {
  return withFileSource(filePath, (source) => readThumbnailFromSource(source, filePath, options));
}
