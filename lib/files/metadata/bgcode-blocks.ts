import { crc32, inflateSync } from "node:zlib";
import type { ByteSource } from "./byte-source";
import { corrupt, MetadataError } from "./errors";
import { MAX_BGCODE_BLOCKS } from "./limits";

/**
 * The block structure of Prusa's binary G-code (libbgcode's specification): a 10-byte
 * file header ("GCDE", version u32, checksum type u16), then blocks of
 *   type u16, compression u16, uncompressed size u32, [compressed size u32],
 *   parameters (thumbnail: format u16, width u16, height u16; others: encoding u16),
 *   data, [CRC-32 over header, parameters and data].
 * Every block header is walked, so a cut-off download is noticed, but G-code blocks
 * are skipped by size and never read.
 */

export const BlockType = {
  fileMetadata: 0,
  gcode: 1,
  slicerMetadata: 2,
  printerMetadata: 3,
  printMetadata: 4,
  thumbnail: 5,
} as const;

const Compression = { none: 0, deflate: 1, heatshrink11: 2, heatshrink12: 3 } as const;
const FILE_HEADER_BYTES = 10;
const SUPPORTED_VERSION = 1;
const CHECKSUM_CRC32 = 1;

export interface BgcodeBlock {
  type: number;
  compression: number;
  uncompressedSize: number;
  /** Where the block header starts, and where its data starts and ends. */
  start: number;
  dataStart: number;
  dataEnd: number;
  /** Thumbnail: [format, width, height]; others: [encoding]. */
  parameters: number[];
}

export interface BgcodeLayout {
  checksummed: boolean;
  /** Every block but G-code, in file order. */
  blocks: BgcodeBlock[];
  gcodeBlocks: number;
}

export async function walkBgcodeBlocks(source: ByteSource): Promise<BgcodeLayout> {
  if (source.size < FILE_HEADER_BYTES) throw corrupt("binary G-code header cut off");
  const header = await source.read(0, FILE_HEADER_BYTES);
  if (header.toString("latin1", 0, 4) !== "GCDE") throw corrupt("not binary G-code");
  const version = header.readUInt32LE(4);
  if (version !== SUPPORTED_VERSION) throw new MetadataError("unsupported", `binary G-code version ${version}`);
  const checksumType = header.readUInt16LE(8);
  if (checksumType > CHECKSUM_CRC32) throw corrupt(`unknown checksum type ${checksumType}`);
  const checksumBytes = checksumType === CHECKSUM_CRC32 ? 4 : 0;

  const blocks: BgcodeBlock[] = [];
  let gcodeBlocks = 0;
  let offset = FILE_HEADER_BYTES;
  while (offset < source.size) {
    if (blocks.length + gcodeBlocks >= MAX_BGCODE_BLOCKS) throw new MetadataError("too_large", "too many blocks");
    const fixed = await source.read(offset, Math.min(12, source.size - offset));
    if (fixed.length < 8) throw corrupt(`block header at ${offset} cut off`);
    const type = fixed.readUInt16LE(0);
    const compression = fixed.readUInt16LE(2);
    const uncompressedSize = fixed.readUInt32LE(4);
    if (type > BlockType.thumbnail) throw corrupt(`unknown block type ${type} at ${offset}`);
    if (compression > Compression.heatshrink12) throw corrupt(`unknown compression ${compression} at ${offset}`);
    let headerBytes = 8;
    let storedSize = uncompressedSize;
    if (compression !== Compression.none) {
      if (fixed.length < 12) throw corrupt(`block header at ${offset} cut off`);
      storedSize = fixed.readUInt32LE(8);
      headerBytes = 12;
    }
    const parameterBytes = type === BlockType.thumbnail ? 6 : 2;
    const dataStart = offset + headerBytes + parameterBytes;
    const dataEnd = dataStart + storedSize;
    const end = dataEnd + checksumBytes;
    if (end > source.size) throw corrupt(`block at ${offset} runs past the end of the file`);
    if (type === BlockType.gcode) {
      gcodeBlocks++;
    } else {
      const raw = await source.read(offset + headerBytes, parameterBytes);
      const parameters = Array.from({ length: parameterBytes / 2 }, (_, index) => raw.readUInt16LE(index * 2));
      blocks.push({ type, compression, uncompressedSize, start: offset, dataStart, dataEnd, parameters });
    }
    offset = end;
  }
  if (blocks.length + gcodeBlocks === 0) throw corrupt("binary G-code without blocks");
  return { checksummed: checksumBytes > 0, blocks, gcodeBlocks };
}

/**
 * A metadata or thumbnail block's content, checked against its CRC; null when it uses
 * heatshrink, which slicers apply only to G-code blocks.
 */
export async function readBgcodeBlockData(
  source: ByteSource,
  layout: BgcodeLayout,
  block: BgcodeBlock,
  maxBytes: number,
): Promise<Buffer | null> {
  if (block.uncompressedSize > maxBytes || block.dataEnd - block.dataStart > maxBytes) {
    throw new MetadataError("too_large", `block at ${block.start} holds ${block.uncompressedSize} bytes`);
  }
  const checksumBytes = layout.checksummed ? 4 : 0;
  const whole = await source.read(block.start, block.dataEnd - block.start + checksumBytes);
  const stored = whole.subarray(block.dataStart - block.start, block.dataEnd - block.start);
  if (layout.checksummed) {
    const expected = whole.readUInt32LE(whole.length - 4);
    if (crc32(whole.subarray(0, whole.length - 4)) >>> 0 !== expected) throw corrupt(`block at ${block.start} fails its CRC`);
  }
  if (block.compression === Compression.heatshrink11 || block.compression === Compression.heatshrink12) return null;
  let data = stored;
  if (block.compression === Compression.deflate) {
    try {
      data = inflateSync(stored, { maxOutputLength: maxBytes });
    } catch (error) {
      if (error instanceof RangeError) throw new MetadataError("too_large", `block at ${block.start} inflates past its cap`);
      throw corrupt(`block at ${block.start} does not inflate`, error);
    }
  }
  if (data.length !== block.uncompressedSize) throw corrupt(`block at ${block.start} has the wrong size`);
  return data;
}
