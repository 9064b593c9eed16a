import { apiError } from "@/lib/api/errors";
import { logger } from "@/lib/log/logger";
import { detectFormat, type FileFormat } from "../metadata/detect-format";
import { MetadataError, readPrintFileMetadataFromSource, withFileSource, type PrintFileMetadata } from "../metadata";
import { fileTypeOf } from "../file-type";
import type { FileType } from "../schemas";

const log = logger("files-upload");

/** The container each uploadable type must be. */
const expectedFormat: Record<Exclude<FileType, "other">, FileFormat> = {
  "gcode.3mf": "zip",
  "3mf": "zip",
  bgcode: "bgcode",
  gcode: "gcode",
};

/** G-code is text: a NUL byte in its first bytes means something else was named .gcode. */
const TEXT_SAMPLE_BYTES = 64 * 1024;

/**
 * Checks an uploaded file before it is kept: a type we accept, content that is what the
 * name says (a 3MF is a zip, a .bgcode starts with GCDE, G-code is text, a .gcode.3mf holds
 * sliced plates), and readable all through (a truncated 3MF has lost its zip directory).
 * Returns the metadata the list and the queue read; a refusal is logged with its reason.
 */
export async function inspectUpload(partPath: string, fileName: string): Promise<PrintFileMetadata> {
  const type = fileTypeOf(fileName);
  if (type === "other") throw refuse("upload_type_unsupported", fileName, "not a print file type");
  return withFileSource(partPath, async (source) => {
    let format: FileFormat;
    try {
      format = await detectFormat(source, fileName);
    } catch (err) {
      throw refuse("file_content_mismatch", fileName, err instanceof Error ? err.message : String(err));
    }
    if (format !== expectedFormat[type]) throw refuse("file_content_mismatch", fileName, `${format} content named .${type}`);
    if (format === "gcode" && (await source.read(0, Math.min(TEXT_SAMPLE_BYTES, source.size))).includes(0)) {
      throw refuse("file_content_mismatch", fileName, "binary content named .gcode");
    }
    let metadata: PrintFileMetadata;
    try {
      metadata = await readPrintFileMetadataFromSource(source, fileName);
    } catch (err) {
      if (!(err instanceof MetadataError)) throw err;
      throw refuse(err.code === "unsupported" ? "file_content_mismatch" : "file_corrupt", fileName, err.message);
    }
    if (type === "gcode.3mf" && metadata.kind !== "gcode.3mf") throw refuse("file_content_mismatch", fileName, "a project without sliced plates named .gcode.3mf");
    return metadata;
  });
}

function refuse(code: "upload_type_unsupported" | "file_content_mismatch" | "file_corrupt", fileName: string, reason: string) {
  log.warn({ file: fileName, code, reason }, "upload refused");
  return apiError(code, { file: fileName });
}
