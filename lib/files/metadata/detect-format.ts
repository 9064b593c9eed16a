import path from "node:path";
import type { ByteSource } from "./byte-source";
import { corrupt, MetadataError } from "./errors";

/**
 * Which reader a file needs. The content decides (zip or "GCDE" magic); the name only
 * says what the content should have been, and whether plain text is expected.
 */
export type FileFormat = "zip" | "bgcode" | "gcode";

const ZIP_MAGIC = ["PK\x03\x04", "PK\x05\x06"];
const ZIP_NAMES = /\.(gcode\.)?3mf$/i;
const BGCODE_NAMES = /\.(bgcode|bgc)$/i;
const GCODE_NAMES = /\.(gcode|gco|gc|g)$/i;

export async function detectFormat(source: ByteSource, fileName: string): Promise<FileFormat> {
  const magic = (await source.read(0, Math.min(4, source.size))).toString("latin1");
  if (ZIP_MAGIC.includes(magic)) return "zip";
  if (magic === "GCDE") return "bgcode";
  const name = path.basename(fileName);
  if (ZIP_NAMES.test(name)) throw corrupt("3MF without zip signature");
  if (BGCODE_NAMES.test(name)) throw corrupt("binary G-code without GCDE signature");
  if (GCODE_NAMES.test(name)) return "gcode";
  throw new MetadataError("unsupported", `not a print file: ${name}`);
}
