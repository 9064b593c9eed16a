import { isBambuProject, readBambu3mf } from "./bambu-3mf";
import type { ByteSource } from "./byte-source";
import { MetadataError } from "./errors";
import { MODEL_HEAD_BYTES } from "./limits";
import { modelApplication } from "./model-application";
import { readPrusa3mf } from "./prusa-3mf";
import type { PrintFileKind, PrintFileMetadata } from "./types";
import { readZipDirectory } from "./zip-directory";
import { hasEntry, readTextEntryHead, type OpenZip } from "./zip-reading";

/** Any 3MF: a zip with a 3D model or a plate's G-code. Which slicer wrote it decides the reader. */

const MODEL_ENTRY = "3D/3dmodel.model";

function zipKind(zip: OpenZip): PrintFileKind {
  const names = [...zip.directory.entries.keys()];
  if (names.some((name) => /^Metadata\/plate_\d+\.gcode$/.test(name))) return "gcode.3mf";
  if (hasEntry(zip, MODEL_ENTRY) || hasEntry(zip, "[Content_Types].xml")) return "3mf";
  throw new MetadataError("unsupported", "zip without a 3D model or plate G-code");
}

/** Opens a zip's directory and refuses zips that are no 3MF. */
export async function openPrintZip(source: ByteSource): Promise<{ zip: OpenZip; kind: PrintFileKind }> {
  const zip: OpenZip = { source, directory: await readZipDirectory(source) };
  return { zip, kind: zipKind(zip) };
}

export async function read3mfMetadata(source: ByteSource): Promise<PrintFileMetadata> {
  const { zip, kind } = await openPrintZip(source);
  const modelHead = await readTextEntryHead(zip, MODEL_ENTRY, MODEL_HEAD_BYTES);
  const application = modelHead === undefined ? null : modelApplication(modelHead);
  return isBambuProject(zip) ? readBambu3mf(zip, kind, application) : readPrusa3mf(zip, application);
}
