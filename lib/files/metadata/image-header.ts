import { MAX_IMAGE_SIDE } from "./limits";

/**
 * Format and pixel size read from an image's own header, so what we hand to a browser
 * is what it claims to be (a file's declared thumbnail size or format can lie).
 */

export interface ImageHeader {
  format: "png" | "jpg" | "qoi";
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function sane(width: number, height: number): boolean {
  return width > 0 && height > 0 && width <= MAX_IMAGE_SIDE && height <= MAX_IMAGE_SIDE;
}

function pngHeader(data: Uint8Array): ImageHeader | null {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buffer.length < 24 || !buffer.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (buffer.toString("latin1", 12, 16) !== "IHDR") return null;
  const width = buffer.readUInt32BE(16);
  const height = buffer.readUInt32BE(20);
  return sane(width, height) ? { format: "png", width, height } : null;
}

/** Walks JPEG segments to the first start-of-frame marker. */
function jpegHeader(data: Uint8Array): ImageHeader | null {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buffer.length < 4 || buffer[0] !== 0xff || buffer[1] !== 0xd8) return null;
  let pos = 2;
  while (pos + 4 <= buffer.length) {
    if (buffer[pos] !== 0xff) return null;
    const marker = buffer[pos + 1];
    if (marker === 0xff) {
      pos++;
      continue;
    }
    const length = buffer.readUInt16BE(pos + 2);
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) {
      if (pos + 9 > buffer.length) return null;
      const height = buffer.readUInt16BE(pos + 5);
      const width = buffer.readUInt16BE(pos + 7);
      return sane(width, height) ? { format: "jpg", width, height } : null;
    }
    if (length < 2) return null;
    pos += 2 + length;
  }
  return null;
}

function qoiHeader(data: Uint8Array): ImageHeader | null {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buffer.length < 14 || buffer.toString("latin1", 0, 4) !== "qoif") return null;
  const width = buffer.readUInt32BE(4);
  const height = buffer.readUInt32BE(8);
  return sane(width, height) ? { format: "qoi", width, height } : null;
}

/** PNG, JPEG or QOI with a sane size, else null. */
export function readImageHeader(data: Uint8Array): ImageHeader | null {
  return pngHeader(data) ?? jpegHeader(data) ?? qoiHeader(data);
}

/** Browsers show PNG and JPEG; QOI is listed but not served. */
export function isDisplayable(header: ImageHeader): header is ImageHeader & { format: "png" | "jpg" } {
  return header.format !== "qoi";
}
