import path from "node:path";
import { logger } from "@/lib/log/logger";
import { withFileSource, type ByteSource } from "./byte-source";
import { detectFormat } from "./detect-format";
import { corrupt, MetadataError } from "./errors";
import { read3mfMetadata } from "./read-3mf";
import { readBgcodeMetadata } from "./read-bgcode";
import { readGcodeMetadata } from "./read-gcode";
import { printFileMetadataSchema, type PrintFileMetadata } from "./types";

const log = logger("file-metadata");

/**
 * Runs a parser so that a broken file ends in a MetadataError whatever the parser
 * tripped over, while real I/O errors (the file vanished, the disk failed) pass through.
 */
export async function guardParse<T>(fileName: string, parse: () => Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (error) {
    if (error instanceof MetadataError) throw error;
    if (error instanceof Error && "syscall" in error) throw error;
    log.warn({ err: error, file: path.basename(fileName) }, "unexpected failure while parsing a print file");
    throw corrupt("unreadable print file", error);
  }
}

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
