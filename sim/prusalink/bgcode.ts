import type { FileHandle } from "node:fs/promises";
import { crc32 } from "./png";

/**
 * Prusa binary G-code (libbgcode): "GCDE", version 1, CRC32 checksums; blocks of
 * file metadata, printer metadata, thumbnails, print metadata, slicer metadata and
 * G-code, each `type u16, compression u16, size u32, [compressed size u32], params,
 * data, crc32`. Written uncompressed here; read only as far as the thumbnails.
 */

export const blockType = {
  fileMetadata: 0,
  gcode: 1,
  slicerMetadata: 2,
  printerMetadata: 3,
  printMetadata: 4,
  thumbnail: 5,
} as const;

export const thumbnailFormat = { png: 0, jpg: 1, qoi: 2 } as const;

export interface BgcodeThumbnail {
  png: Buffer;
  width: number;
  height: number;
}

export interface BgcodeContent {
  fileMetadata: Array<[string, string]>;
  printerMetadata: Array<[string, string]>;
  thumbnails: BgcodeThumbnail[];
  printMetadata: Array<[string, string]>;
  slicerMetadata: Array<[string, string]>;
  gcode: string;
}

function block(type: number, params: Buffer, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt16LE(type, 0);
  header.writeUInt16LE(0, 2);
  header.writeUInt32LE(data.length, 4);
  const body = Buffer.concat([header, params, data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32(body), 0);
  return Buffer.concat([body, crc]);
}

function encodingParam(encoding: number): Buffer {
  const p = Buffer.alloc(2);
  p.writeUInt16LE(encoding, 0);
  return p;
}

function ini(pairs: Array<[string, string]>): Buffer {
  return Buffer.from(pairs.map(([k, v]) => `${k}=${v}\n`).join(""), "utf8");
}

const maxGcodeBlock = 65_535;

function gcodeChunks(gcode: string): Buffer[] {
  const chunks: Buffer[] = [];
  let current = "";
  for (const line of gcode.split(/(?<=\n)/)) {
    if (current.length + line.length > maxGcodeBlock && current) {
      chunks.push(Buffer.from(current, "utf8"));
      current = "";
    }
    current += line;
  }
  if (current) chunks.push(Buffer.from(current, "utf8"));
  return chunks;
}

export function buildBgcode(content: BgcodeContent): Buffer {
  const fileHeader = Buffer.alloc(10);
  fileHeader.write("GCDE", 0, "ascii");
  fileHeader.writeUInt32LE(1, 4);
  fileHeader.writeUInt16LE(1, 8);
  const thumbs = content.thumbnails.map((t) => {
    const params = Buffer.alloc(6);
    params.writeUInt16LE(thumbnailFormat.png, 0);
    params.writeUInt16LE(t.width, 2);
    params.writeUInt16LE(t.height, 4);
    return block(blockType.thumbnail, params, t.png);
  });
  return Buffer.concat([
    fileHeader,
    block(blockType.fileMetadata, encodingParam(0), ini(content.fileMetadata)),
    block(blockType.printerMetadata, encodingParam(0), ini(content.printerMetadata)),
    ...thumbs,
    block(blockType.printMetadata, encodingParam(0), ini(content.printMetadata)),
    block(blockType.slicerMetadata, encodingParam(0), ini(content.slicerMetadata)),
    ...gcodeChunks(content.gcode).map((c) => block(blockType.gcode, encodingParam(0), c)),
  ]);
}

export interface ThumbnailLocation {
  format: number;
  width: number;
  height: number;
  offset: number;
  length: number;
}

/** Walks the block headers up to the first G-code block and lists the thumbnails. */
export async function locateBgcodeThumbnails(file: FileHandle, fileSize: number): Promise<ThumbnailLocation[]> {
  const head = Buffer.alloc(10);
  await file.read(head, 0, 10, 0);
  if (head.toString("ascii", 0, 4) !== "GCDE") return [];
  const checksumBytes = head.readUInt16LE(8) === 1 ? 4 : 0;
  const found: ThumbnailLocation[] = [];
  const header = Buffer.alloc(18);
  let offset = 10;
  while (offset + 8 <= fileSize) {
    const { bytesRead } = await file.read(header, 0, header.length, offset);
    if (bytesRead < 8) break;
    const type = header.readUInt16LE(0);
    const compression = header.readUInt16LE(2);
    const size = header.readUInt32LE(4);
    const headerLength = compression === 0 ? 8 : 12;
    const storedSize = compression === 0 ? size : header.readUInt32LE(8);
    const paramsLength = type === blockType.thumbnail ? 6 : 2;
    if (type === blockType.gcode) break;
    if (type === blockType.thumbnail && compression === 0) {
      found.push({
        format: header.readUInt16LE(headerLength),
        width: header.readUInt16LE(headerLength + 2),
        height: header.readUInt16LE(headerLength + 4),
        offset: offset + headerLength + paramsLength,
        length: storedSize,
      });
    }
    offset += headerLength + paramsLength + storedSize + checksumBytes;
  }
  return found;
}
