import type { ByteSource } from "./byte-source";
import { corrupt, MetadataError } from "./errors";
import { MAX_ZIP_DIRECTORY_BYTES, MAX_ZIP_ENTRIES } from "./limits";

/**
 * Reads a zip's central directory from the end of the file, without touching the
 * entries' data: a sliced 3MF is mostly G-code we never need. ZIP64 is understood
 * because slicers switch to it for large plates.
 */

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipDirectory {
  /** Entries by name; names that could escape a folder ("../", "/abs", "C:") are left out. */
  entries: ReadonlyMap<string, ZipEntry>;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_BYTES = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_BYTES = 20;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const ZIP64_EOCD_BYTES = 56;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_BYTES = 46;
const ZIP64_EXTRA_ID = 0x0001;
const MAX_COMMENT = 0xffff;

interface DirectoryLocation {
  offset: number;
  size: number;
  count: number;
  /** Where the end records start: the directory must end before. */
  end: number;
}

export function isSafeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 1024) return false;
  if (name.startsWith("/") || name.includes("\\") || name.includes("\0") || /^[A-Za-z]:/.test(name)) return false;
  return !name.split("/").some((segment) => segment === ".." || segment === ".");
}

function safeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt(`zip ${what} out of range`);
  return Number(value);
}

/** Without a zip comment (slicers write none) the end record is in the last few bytes. */
const LIKELY_TAIL_BYTES = 4096;

async function locateDirectory(source: ByteSource): Promise<DirectoryLocation> {
  if (source.size < EOCD_BYTES) throw corrupt("zip end record missing");
  const likely = await findEndRecord(source, Math.min(source.size, LIKELY_TAIL_BYTES));
  if (likely) return likely;
  const full = source.size > LIKELY_TAIL_BYTES ? await findEndRecord(source, Math.min(source.size, EOCD_BYTES + MAX_COMMENT)) : null;
  if (full) return full;
  throw corrupt("zip end record missing");
}

async function findEndRecord(source: ByteSource, tailLength: number): Promise<DirectoryLocation | null> {
  const tailStart = source.size - tailLength;
  const tail = await source.read(tailStart, tailLength);
  for (let pos = tail.length - EOCD_BYTES; pos >= 0; pos--) {
    if (tail.readUInt32LE(pos) !== EOCD_SIGNATURE) continue;
    const commentLength = tail.readUInt16LE(pos + 20);
    if (pos + EOCD_BYTES + commentLength > tail.length) continue;
    const eocd = tailStart + pos;
    const count = tail.readUInt16LE(pos + 10);
    const size = tail.readUInt32LE(pos + 12);
    const offset = tail.readUInt32LE(pos + 16);
    if (count !== 0xffff && size !== 0xffffffff && offset !== 0xffffffff) return { offset, size, count, end: eocd };
    return locateZip64Directory(source, eocd);
  }
  return null;
}

async function locateZip64Directory(source: ByteSource, eocd: number): Promise<DirectoryLocation> {
  if (eocd < ZIP64_LOCATOR_BYTES) throw corrupt("zip64 locator missing");
  const locator = await source.read(eocd - ZIP64_LOCATOR_BYTES, ZIP64_LOCATOR_BYTES);
  if (locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIGNATURE) throw corrupt("zip64 locator missing");
  const recordOffset = safeNumber(locator.readBigUInt64LE(8), "zip64 record offset");
  if (recordOffset + ZIP64_EOCD_BYTES > eocd - ZIP64_LOCATOR_BYTES) throw corrupt("zip64 record out of place");
  const record = await source.read(recordOffset, ZIP64_EOCD_BYTES);
  if (record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) throw corrupt("zip64 record missing");
  return {
    count: safeNumber(record.readBigUInt64LE(32), "entry count"),
    size: safeNumber(record.readBigUInt64LE(40), "directory size"),
    offset: safeNumber(record.readBigUInt64LE(48), "directory offset"),
    end: recordOffset,
  };
}

function applyZip64Extra(extra: Buffer, entry: ZipEntry): void {
  let pos = 0;
  while (pos + 4 <= extra.length) {
    const id = extra.readUInt16LE(pos);
    const length = extra.readUInt16LE(pos + 2);
    const body = extra.subarray(pos + 4, pos + 4 + length);
    pos += 4 + length;
    if (id !== ZIP64_EXTRA_ID) continue;
    let field = 0;
    const next = (what: string): number => {
      if (field + 8 > body.length) throw corrupt("zip64 extra field too short");
      const value = safeNumber(body.readBigUInt64LE(field), what);
      field += 8;
      return value;
    };
    if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next("entry size");
    if (entry.compressedSize === 0xffffffff) entry.compressedSize = next("entry size");
    if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next("entry offset");
    return;
  }
}

export async function readZipDirectory(source: ByteSource): Promise<ZipDirectory> {
  const location = await locateDirectory(source);
  if (location.size > MAX_ZIP_DIRECTORY_BYTES || location.count > MAX_ZIP_ENTRIES) {
    throw new MetadataError("too_large", `zip directory of ${location.count} entries / ${location.size} bytes`);
  }
  if (location.offset + location.size > location.end) throw corrupt("zip directory overlaps its end record");
  const directory = await source.read(location.offset, location.size);
  const entries = new Map<string, ZipEntry>();
  let pos = 0;
  for (let index = 0; index < location.count; index++) {
    if (pos + CENTRAL_BYTES > directory.length || directory.readUInt32LE(pos) !== CENTRAL_SIGNATURE) {
      throw corrupt(`zip directory entry ${index} is broken`);
    }
    const nameLength = directory.readUInt16LE(pos + 28);
    const extraLength = directory.readUInt16LE(pos + 30);
    const commentLength = directory.readUInt16LE(pos + 32);
    const nameStart = pos + CENTRAL_BYTES;
    const next = nameStart + nameLength + extraLength + commentLength;
    if (next > directory.length) throw corrupt(`zip directory entry ${index} is cut off`);
    const entry: ZipEntry = {
      name: directory.toString("utf8", nameStart, nameStart + nameLength),
      flags: directory.readUInt16LE(pos + 8),
      method: directory.readUInt16LE(pos + 10),
      crc32: directory.readUInt32LE(pos + 16),
      compressedSize: directory.readUInt32LE(pos + 20),
      uncompressedSize: directory.readUInt32LE(pos + 24),
      localHeaderOffset: directory.readUInt32LE(pos + 42),
    };
    applyZip64Extra(directory.subarray(nameStart + nameLength, nameStart + nameLength + extraLength), entry);
    if (entry.localHeaderOffset + entry.compressedSize > location.offset) {
      throw corrupt(`zip entry ${index} lies beyond the directory`);
    }
    if (isSafeEntryName(entry.name) && !entries.has(entry.name)) entries.set(entry.name, entry);
    pos = next;
  }
  return { entries };
}
