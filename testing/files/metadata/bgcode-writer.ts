import { crc32, deflateSync } from "node:zlib";

/** Test-only binary G-code writer (libbgcode layout, CRC-32 checksums). */

export interface BgcodeInputBlock {
  type: number;
  data: Buffer;
  /** 0 none, 1 deflate; 2/3 claim heatshrink (data is written as given). */
  compression?: number;
  /** Thumbnail: [format, width, height]; others: [encoding]. */
  parameters?: number[];
  /** Replace the computed CRC (to test corruption). */
  crc?: number;
}

export function buildBgcode(blocks: BgcodeInputBlock[], options: { version?: number; checksum?: boolean } = {}): Buffer {
  const checksum = options.checksum ?? true;
  const header = Buffer.alloc(10);
  header.write("GCDE", 0, "latin1");
  header.writeUInt32LE(options.version ?? 1, 4);
  header.writeUInt16LE(checksum ? 1 : 0, 8);
  const parts = [header];
  for (const block of blocks) {
    const compression = block.compression ?? 0;
    const stored = compression === 1 ? deflateSync(block.data) : block.data;
    const head = Buffer.alloc(compression === 0 ? 8 : 12);
    head.writeUInt16LE(block.type, 0);
    head.writeUInt16LE(compression, 2);
    head.writeUInt32LE(block.data.length, 4);
    if (compression !== 0) head.writeUInt32LE(stored.length, 8);
    const parameterValues = block.parameters ?? (block.type === 5 ? [0, 1, 1] : [0]);
    const parameters = Buffer.alloc(parameterValues.length * 2);
    parameterValues.forEach((value, index) => parameters.writeUInt16LE(value, index * 2));
    const body = Buffer.concat([head, parameters, stored]);
    parts.push(body);
    if (checksum) {
      const crc = Buffer.alloc(4);
      crc.writeUInt32LE(block.crc ?? crc32(body) >>> 0, 0);
      parts.push(crc);
    }
  }
  return Buffer.concat(parts);
}
