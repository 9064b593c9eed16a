import path from "node:path";
import { logger } from "@/lib/log/logger";
import { corrupt, MetadataError } from "./errors";

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
