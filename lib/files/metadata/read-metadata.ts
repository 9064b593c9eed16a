import { withFileSource, type ByteSource } from "./byte-source";
import { detectFormat } from "./detect-format";
import { corrupt } from "./errors";
import { guardParse } from "./guard-parse";
import { read3mfMetadata } from "./read-3mf";
import { readBgcodeMetadata } from "./read-bgcode";
import { readGcodeMetadata } from "./read-gcode";
import { printFileMetadataSchema, type PrintFileMetadata } from "./types";

export async function readPrintFileMetadataFromSource(source: ByteSource, fileName: string): Promise<PrintFileMetadata> {
  return guardParse(fileName, async () => {
    const format = await detectFormat(source, fileName);
    const metadata =
      format === "zip"
        ? await read3mfMetadata(source)
        : format === "bgcode"
          ? await readBgcodeMetadata(source)
          : await readGcodeMetadata(source);
    const checked = printFileMetadataSchema.safeParse(metadata);
    if (!checked.success) throw corrupt("metadata out of range", checked.error);
    return checked.data;
  });
}

/**
 * Metadata of a print file (.gcode.3mf, .3mf, .bgcode, .gcode) from the few parts of it
 * that hold metadata. Throws MetadataError for files that are not print files or broken.
 */
export async function readPrintFileMetadata(filePath: string): Promise<PrintFileMetadata> {
  return withFileSource(filePath, (source) => readPrintFileMetadataFromSource(source, filePath));
}
