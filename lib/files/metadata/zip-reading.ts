import type { ByteSource } from "./byte-source";
import { readImageHeader, type ImageHeader } from "./image-header";
import { MAX_METADATA_BYTES } from "./limits";
import type { ZipDirectory } from "./zip-directory";
import { readZipEntry, readZipEntryHead } from "./zip-entry";

/** A zip opened for reading named entries: the source and its directory together. */
export interface OpenZip {
  source: ByteSource;
  directory: ZipDirectory;
}

export function hasEntry(zip: OpenZip, name: string): boolean {
  return zip.directory.entries.has(name);
}

/** A text entry (capped like all metadata), or undefined when the zip lacks it. */
export async function readTextEntry(zip: OpenZip, name: string): Promise<string | undefined> {
  const entry = zip.directory.entries.get(name);
  return entry ? (await readZipEntry(zip.source, entry, MAX_METADATA_BYTES)).toString("utf8") : undefined;
}

/** The first `bytes` of a text entry, for metadata at the top of large entries. */
export async function readTextEntryHead(zip: OpenZip, name: string, bytes: number): Promise<string | undefined> {
  const entry = zip.directory.entries.get(name);
  return entry ? (await readZipEntryHead(zip.source, entry, bytes)).toString("utf8") : undefined;
}

const IMAGE_HEADER_BYTES = 4096;

/** Format and size of an image entry from its first bytes, without inflating all of it. */
export async function readImageEntryHeader(zip: OpenZip, name: string): Promise<ImageHeader | null> {
  const entry = zip.directory.entries.get(name);
  return entry ? readImageHeader(await readZipEntryHead(zip.source, entry, IMAGE_HEADER_BYTES)) : null;
}
