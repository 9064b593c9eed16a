/**
 * A small baseline JPEG encoder (JFIF, YCbCr 4:4:4, 8-bit) for the camera's frames.
 *
 * Quantisation uses the example tables of ITU-T T.81 Annex K scaled to a quality.
 * Instead of the Annex K Huffman tables, every DC category gets a 4-bit code and every
 * AC run/size symbol an 8-bit code: a valid (if slightly larger) canonical table that
 * any decoder reads, and one that cannot be mistyped.
 */

const lumaQuant = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22,
  37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const chromaQuant = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
  ...new Array<number>(32).fill(99),
];

/** zigzag[k] = natural (row-major) index of the k-th coefficient in zigzag order. */
const zigzag: number[] = (() => {
  const order: number[] = [];
  for (let sum = 0; sum <= 14; sum++) {
    const cells: number[] = [];
    for (let row = 0; row <= 7; row++) {
      const col = sum - row;
      if (col >= 0 && col <= 7) cells.push(row * 8 + col);
    }
    // Even diagonals run bottom-left to top-right, odd ones the other way.
    order.push(...(sum % 2 === 0 ? cells.reverse() : cells));
  }
  return order;
})();

const cosTable: Float64Array = (() => {
  const table = new Float64Array(64);
  for (let u = 0; u < 8; u++) {
    for (let x = 0; x < 8; x++) table[u * 8 + x] = Math.cos(((2 * x + 1) * u * Math.PI) / 16) * (u === 0 ? Math.SQRT1_2 : 1) * 0.5;
  }
  return table;
})();

function scaledQuant(base: number[], quality: number): number[] {
  const scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
  return base.map((q) => Math.min(255, Math.max(1, Math.floor((q * scale + 50) / 100))));
}

// Canonical codes: symbols in order, all of one length.
function uniformCodes(symbols: number[], length: number): Map<number, { code: number; length: number }> {
  return new Map(symbols.map((symbol, index) => [symbol, { code: index, length }]));
}

const dcSymbols = Array.from({ length: 12 }, (_, i) => i);
const acSymbols = [0x00, 0xf0, ...Array.from({ length: 16 * 10 }, (_, i) => ((i / 10) | 0) * 16 + (i % 10) + 1)];
const dcCodes = uniformCodes(dcSymbols, 4);
const acCodes = uniformCodes(acSymbols, 8);

class BitWriter {
  private readonly bytes: number[] = [];
  private accumulator = 0;
  private count = 0;

  write(code: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.accumulator = (this.accumulator << 1) | ((code >> i) & 1);
      this.count++;
      if (this.count === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.accumulator);
    if (this.accumulator === 0xff) this.bytes.push(0x00);
    this.accumulator = 0;
    this.count = 0;
  }

  finish(): number[] {
    if (this.count > 0) this.write((1 << (8 - this.count)) - 1, 8 - this.count);
    return this.bytes;
  }
}

function category(value: number): number {
  let magnitude = Math.abs(value);
  let bits = 0;
  while (magnitude > 0) {
    bits++;
    magnitude >>= 1;
  }
  return bits;
}

function writeValue(writer: BitWriter, value: number, size: number): void {
  if (size > 0) writer.write(value > 0 ? value : value + (1 << size) - 1, size);
}

function code(table: Map<number, { code: number; length: number }>, symbol: number): { code: number; length: number } {
  const entry = table.get(symbol);
  if (!entry) throw new Error(`no Huffman code for symbol ${symbol}`);
  return entry;
}

function encodeBlock(writer: BitWriter, block: Float64Array, quant: number[], previousDc: number): number {
  const temp = new Float64Array(64);
  const coefficients = new Float64Array(64);
  for (let y = 0; y < 8; y++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0;
      for (let x = 0; x < 8; x++) sum += block[y * 8 + x] * cosTable[u * 8 + x];
      temp[y * 8 + u] = sum;
    }
  }
  for (let u = 0; u < 8; u++) {
    for (let v = 0; v < 8; v++) {
      let sum = 0;
      for (let y = 0; y < 8; y++) sum += temp[y * 8 + u] * cosTable[v * 8 + y];
      coefficients[v * 8 + u] = sum;
    }
  }
  const quantized = zigzag.map((natural, k) => Math.round(coefficients[natural] / quant[k]));
  const dc = quantized[0];
  const diff = dc - previousDc;
  const dcSize = category(diff);
  const dcCode = code(dcCodes, dcSize);
  writer.write(dcCode.code, dcCode.length);
  writeValue(writer, diff, dcSize);
  let run = 0;
  for (let k = 1; k < 64; k++) {
    const value = quantized[k];
    if (value === 0) {
      run++;
      continue;
    }
    while (run > 15) {
      const zrl = code(acCodes, 0xf0);
      writer.write(zrl.code, zrl.length);
      run -= 16;
    }
    const size = category(value);
    const ac = code(acCodes, run * 16 + size);
    writer.write(ac.code, ac.length);
    writeValue(writer, value, size);
    run = 0;
  }
  if (run > 0) {
    const eob = code(acCodes, 0x00);
    writer.write(eob.code, eob.length);
  }
  return dc;
}

function segment(marker: number, payload: number[]): number[] {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...payload];
}

function huffmanTable(tableClass: number, id: number, symbols: number[], length: number): number[] {
  const counts = new Array<number>(16).fill(0);
  counts[length - 1] = symbols.length;
  return [(tableClass << 4) | id, ...counts, ...symbols];
}

/** Encodes RGB pixels (3 bytes each, row-major) as a baseline JPEG. */
export function encodeJpeg(width: number, height: number, rgb: Uint8Array, quality = 80): Buffer {
  if (rgb.length !== width * height * 3) throw new Error("pixel buffer does not match the size");
  // Above 90 a coefficient can need more than the 10 bits the AC symbols cover.
  const q = Math.max(1, Math.min(90, Math.round(quality)));
  const lq = scaledQuant(lumaQuant, q);
  const cq = scaledQuant(chromaQuant, q);
  const header = [
    0xff,
    0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...zigzag.map((n) => lq[n]), 0x01, ...zigzag.map((n) => cq[n])]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1]),
    ...segment(0xc4, [...huffmanTable(0, 0, dcSymbols, 4), ...huffmanTable(1, 0, acSymbols, 8)]),
    ...segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
  ];
  // Quant tables are written in zigzag order; encodeBlock indexes them by zigzag position.
  const lumaZ = zigzag.map((n) => lq[n]);
  const chromaZ = zigzag.map((n) => cq[n]);
  const writer = new BitWriter();
  const blocks = [new Float64Array(64), new Float64Array(64), new Float64Array(64)];
  const previous = [0, 0, 0];
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let y = 0; y < 8; y++) {
        for (let x = 0; x < 8; x++) {
          const px = Math.min(width - 1, bx + x);
          const py = Math.min(height - 1, by + y);
          const i = (py * width + px) * 3;
          const r = rgb[i];
          const g = rgb[i + 1];
          const b = rgb[i + 2];
          const j = y * 8 + x;
          blocks[0][j] = 0.299 * r + 0.587 * g + 0.114 * b - 128;
          blocks[1][j] = -0.168736 * r - 0.331264 * g + 0.5 * b;
          blocks[2][j] = 0.5 * r - 0.418688 * g - 0.081312 * b;
        }
      }
      previous[0] = encodeBlock(writer, blocks[0], lumaZ, previous[0]);
      previous[1] = encodeBlock(writer, blocks[1], chromaZ, previous[1]);
      previous[2] = encodeBlock(writer, blocks[2], chromaZ, previous[2]);
    }
  }
  return Buffer.from([...header, ...writer.finish(), 0xff, 0xd9]);
}
