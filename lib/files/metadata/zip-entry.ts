import { crc32, inflateRawSync } from "node:zlib";
import { Inflate } from "fflate";
import type { ByteSource } from "./byte-source";
import { corrupt, MetadataError } from "./errors";
import type { ZipEntry } from "./zip-directory";

/**
 * Inflates single zip entries, never more than the caller's cap: the sizes in a zip's
 * directory are claims, so the cap is enforced on the actual output too (zip bombs).
 */

const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_BYTES = 30;
const STORED = 0;
const DEFLATED = 8;
const HEAD_CHUNK_BYTES = 16 * 1024;

async function dataOffset(source: ByteSource, entry: ZipEntry): Promise<number> {
  const header = await source.read(entry.localHeaderOffset, LOCAL_BYTES);
  if (header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw corrupt(`zip entry ${entry.name} has no local header`);
  return entry.localHeaderOffset + LOCAL_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28);
}

function checkReadable(entry: ZipEntry): void {
  if (entry.flags & 1) throw new MetadataError("unsupported", `zip entry ${entry.name} is encrypted`);
  if (entry.method !== STORED && entry.method !== DEFLATED) {
    throw new MetadataError("unsupported", `zip entry ${entry.name} uses compression method ${entry.method}`);
  }
}

/** The whole entry, checked against its CRC-32. */
export async function readZipEntry(source: ByteSource, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  checkReadable(entry);
  // Deflate can grow incompressible data by a few bytes per 16 KiB block.
  const maxCompressed = Math.ceil(maxBytes * 1.01) + 1024;
  if (entry.uncompressedSize > maxBytes || entry.compressedSize > maxCompressed) {
    throw new MetadataError("too_large", `zip entry ${entry.name} is ${entry.uncompressedSize} bytes`);
  }
  if (entry.method === STORED && entry.compressedSize !== entry.uncompressedSize) {
    throw corrupt(`stored zip entry ${entry.name} has two sizes`);
  }
  const raw = await source.read(await dataOffset(source, entry), entry.compressedSize);
  let data: Buffer;
  if (entry.method === STORED) {
    data = raw;
  } else {
    try {
      data = inflateRawSync(raw, { maxOutputLength: maxBytes });
    } catch (error) {
      // zlib signals maxOutputLength with a RangeError.
      if (error instanceof RangeError) throw new MetadataError("too_large", `zip entry ${entry.name} inflates past its cap`);
      throw corrupt(`zip entry ${entry.name} does not inflate`, error);
    }
  }
  if (data.length !== entry.uncompressedSize || crc32(data) >>> 0 !== entry.crc32 >>> 0) {
    throw corrupt(`zip entry ${entry.name} fails its size or CRC check`);
  }
  return data;
}

/**
 * Up to `maxBytes` from the start of an entry, inflating only as much as needed: for
 * the metadata at the top of a 3D model that may hold hundreds of MB of mesh.
 */
export async function readZipEntryHead(source: ByteSource, entry: ZipEntry, maxBytes: number): Promise<Buffer> {
  checkReadable(entry);
  const start = await dataOffset(source, entry);
  if (entry.method === STORED) {
    return source.read(start, Math.min(maxBytes, entry.compressedSize));
  }
  const output: Uint8Array[] = [];
  let produced = 0;
  const inflater = new Inflate((chunk) => {
    output.push(chunk);
    produced += chunk.length;
  });
  let consumed = 0;
  while (produced < maxBytes && consumed < entry.compressedSize) {
    const length = Math.min(HEAD_CHUNK_BYTES, entry.compressedSize - consumed);
    const chunk = await source.read(start + consumed, length);
    consumed += length;
    try {
      inflater.push(chunk, consumed === entry.compressedSize);
    } catch (error) {
      throw corrupt(`zip entry ${entry.name} does not inflate`, error);
    }
  }
  return Buffer.concat(output).subarray(0, maxBytes);
}
