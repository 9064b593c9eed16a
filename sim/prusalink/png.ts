import { deflateSync } from "node:zlib";

/** Minimal PNG encoder (8-bit RGBA) and a small renderer for slicer-like previews. */

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array, seed = 0): number {
  let c = (seed ^ 0xffffffff) >>> 0;
  for (const byte of data) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngSize(png: Buffer): { width: number; height: number } | null {
  if (png.length < 24 || !png.subarray(0, 8).equals(pngSignature)) return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

type Point = [number, number];

function insideConvex(x: number, y: number, poly: Point[]): boolean {
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const [ax, ay] = poly[i] ?? [0, 0];
    const [bx, by] = poly[(i + 1) % poly.length] ?? [0, 0];
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (cross !== 0) {
      if (sign === 0) sign = Math.sign(cross);
      else if (Math.sign(cross) !== sign) return false;
    }
  }
  return true;
}

/** An isometric box in `rgb` on a transparent background, shaded like a slicer preview. */
export function renderBoxPreview(width: number, height: number, rgb: [number, number, number]): Buffer {
  const pixels = new Uint8Array(width * height * 4);
  const cx = width / 2;
  const size = Math.min(width, height * 1.6) * 0.32;
  const top = height * 0.18;
  const dx = size;
  const dy = size * 0.5;
  const h = Math.min(height * 0.42, size * 0.9);
  const apex: Point = [cx, top];
  const right: Point = [cx + dx, top + dy];
  const front: Point = [cx, top + 2 * dy];
  const left: Point = [cx - dx, top + dy];
  const faces: Array<{ poly: Point[]; shade: number }> = [
    { poly: [apex, right, front, left], shade: 1.25 },
    { poly: [left, front, [front[0], front[1] + h], [left[0], left[1] + h]], shade: 0.95 },
    { poly: [front, right, [right[0], right[1] + h], [front[0], front[1] + h]], shade: 0.7 },
  ];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const face = faces.find((f) => insideConvex(x + 0.5, y + 0.5, f.poly));
      if (!face) continue;
      const o = (y * width + x) * 4;
      pixels[o] = Math.min(255, Math.round(rgb[0] * face.shade));
      pixels[o + 1] = Math.min(255, Math.round(rgb[1] * face.shade));
      pixels[o + 2] = Math.min(255, Math.round(rgb[2] * face.shade));
      pixels[o + 3] = 255;
    }
  }
  return encodePng(width, height, pixels);
}
