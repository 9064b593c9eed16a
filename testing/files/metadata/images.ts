import { crc32, deflateSync, inflateSync } from "node:zlib";

/** Test-only PNG maker and checker. */

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** An RGB PNG of pseudo-random pixels (so it does not compress). */
export function makePng(width: number, height: number, seed = 1): Buffer {
  let state = seed;
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let index = 0; index < rows.length; index++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    rows[index] = index % (width * 3 + 1) === 0 ? 0 : state >>> 24;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * Walks a PNG's chunks, checks every CRC, inflates the image data and checks it has the
 * size IHDR implies. Returns IHDR's size; throws on any fault.
 */
export function checkPng(data: Buffer): { width: number; height: number } {
  if (!data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    throw new Error("no PNG signature");
  }
  let pos = 8;
  let width = 0;
  let height = 0;
  let bitsPerPixel = 0;
  const idat: Buffer[] = [];
  let ended = false;
  while (pos < data.length) {
    const length = data.readUInt32BE(pos);
    const type = data.toString("latin1", pos + 4, pos + 8);
    const body = data.subarray(pos + 8, pos + 8 + length);
    const crc = data.readUInt32BE(pos + 8 + length);
    if ((crc32(data.subarray(pos + 4, pos + 8 + length)) >>> 0) !== crc) throw new Error(`bad CRC in ${type}`);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[body[9]] ?? 0;
      bitsPerPixel = channels * body[8];
    }
    if (type === "IDAT") idat.push(body);
    if (type === "IEND") ended = true;
    pos += 12 + length;
  }
  if (!ended) throw new Error("no IEND");
  if (bitsPerPixel > 0 && width > 0) {
    const expected = (Math.ceil((width * bitsPerPixel) / 8) + 1) * height;
    const raw = inflateSync(Buffer.concat(idat));
    if (raw.length !== expected) throw new Error(`image data is ${raw.length} bytes, expected ${expected}`);
  }
  return { width, height };
}
