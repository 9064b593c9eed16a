import { crc32, deflateSync } from "node:zlib";

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes 8-bit RGBA pixels (row-major, 4 bytes each) as a PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error("pixel buffer does not match the size");
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 6;
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

function parseHexColor(hex: string): [number, number, number] {
  const value = /^#?([0-9a-f]{6})/i.exec(hex)?.[1] ?? "00AE42";
  return [0, 2, 4].map((i) => parseInt(value.slice(i, i + 2), 16)) as [number, number, number];
}

/**
 * A plate thumbnail like Bambu Studio's: an isometric box in the filament colour on a
 * transparent background, lit from the top left.
 */
export function renderPlateThumbnail(size: number, colorHex: string): Buffer {
  const [r, g, b] = parseHexColor(colorHex);
  const pixels = new Uint8Array(size * size * 4);
  const cx = size / 2;
  const half = size * 0.3;
  const top = size * 0.2;
  const depth = half / 2;
  const height = size * 0.35;
  const shade = (factor: number): [number, number, number] => [
    Math.min(255, Math.round(r * factor)),
    Math.min(255, Math.round(g * factor)),
    Math.min(255, Math.round(b * factor)),
  ];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = x - cx;
      // Top face: a rhombus centred at (cx, top + depth).
      const inTop = Math.abs(dx) / half + Math.abs(y - (top + depth)) / depth <= 1;
      const edge = top + depth + depth * (1 - Math.abs(dx) / half);
      const inSide = Math.abs(dx) <= half && y >= edge && y <= edge + height;
      let color: [number, number, number] | null = null;
      if (inTop) color = shade(1.25);
      else if (inSide) color = dx < 0 ? shade(0.95) : shade(0.7);
      if (!color) continue;
      const i = (y * size + x) * 4;
      pixels[i] = color[0];
      pixels[i + 1] = color[1];
      pixels[i + 2] = color[2];
      pixels[i + 3] = 255;
    }
  }
  return encodePng(size, size, pixels);
}
