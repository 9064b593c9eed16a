import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { crc32, deflateRawSync } from "node:zlib";

/**
 * Test-only zip writer: small zips in memory (with the option to lie in the directory,
 * as a hostile file would), and a streamed zip with one huge STORED entry for the
 * large-file test and benchmark.
 */

export interface ZipInputEntry {
  name: string;
  data: Buffer;
  method?: "store" | "deflate";
  /** Uncompressed size written to the directory instead of the real one. */
  declaredSize?: number;
}

interface Written {
  name: Buffer;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  flags: number;
}

function localHeader(entry: Omit<Written, "offset">): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(entry.flags, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt32LE(entry.flags & 8 ? 0 : entry.crc, 14);
  header.writeUInt32LE(entry.flags & 8 ? 0 : entry.compressedSize, 18);
  header.writeUInt32LE(entry.flags & 8 ? 0 : entry.size, 22);
  header.writeUInt16LE(entry.name.length, 26);
  return Buffer.concat([header, entry.name]);
}

function centralDirectory(entries: Written[], offset: number): Buffer {
  const records = entries.map((entry) => {
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(entry.flags, 8);
    record.writeUInt16LE(entry.method, 10);
    record.writeUInt32LE(entry.crc, 16);
    record.writeUInt32LE(entry.compressedSize, 20);
    record.writeUInt32LE(entry.size, 24);
    record.writeUInt16LE(entry.name.length, 28);
    record.writeUInt32LE(entry.offset, 42);
    return Buffer.concat([record, entry.name]);
  });
  const directory = Buffer.concat(records);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([directory, end]);
}

function prepare(entry: ZipInputEntry): { written: Omit<Written, "offset">; body: Buffer } {
  const deflate = entry.method === "deflate";
  const body = deflate ? deflateRawSync(entry.data) : entry.data;
  return {
    body,
    written: {
      name: Buffer.from(entry.name, "utf8"),
      method: deflate ? 8 : 0,
      crc: crc32(entry.data),
      compressedSize: body.length,
      size: entry.declaredSize ?? entry.data.length,
      flags: 0,
    },
  };
}

export function buildZip(entries: ZipInputEntry[]): Buffer {
  const parts: Buffer[] = [];
  const written: Written[] = [];
  let offset = 0;
  for (const entry of entries) {
    const { written: record, body } = prepare(entry);
    const header = localHeader(record);
    written.push({ ...record, offset });
    parts.push(header, body);
    offset += header.length + body.length;
  }
  parts.push(centralDirectory(written, offset));
  return Buffer.concat(parts);
}

/**
 * Writes a zip whose entry `bigName` is `bigSize` bytes of G-code moves, STORED with a
 * data descriptor (as streaming writers do), between the small entries.
 */
export async function writeZipWithBigEntry(
  filePath: string,
  before: ZipInputEntry[],
  bigName: string,
  bigSize: number,
  after: ZipInputEntry[],
): Promise<void> {
  const out = createWriteStream(filePath);
  const written: Written[] = [];
  let offset = 0;
  const write = async (chunk: Buffer) => {
    offset += chunk.length;
    if (!out.write(chunk)) await once(out, "drain");
  };
  const writeSmall = async (entry: ZipInputEntry) => {
    const { written: record, body } = prepare(entry);
    written.push({ ...record, offset });
    await write(localHeader(record));
    await write(body);
  };
  for (const entry of before) await writeSmall(entry);

  const line = Buffer.from("G1 X120.512 Y80.25 E0.04217\n");
  const chunk = Buffer.alloc(1024 * 1024);
  for (let pos = 0; pos < chunk.length; pos += line.length) line.copy(chunk, pos);
  const name = Buffer.from(bigName);
  const bigOffset = offset;
  await write(localHeader({ name, method: 0, crc: 0, compressedSize: 0, size: 0, flags: 8 }));
  let crc = 0;
  for (let remaining = bigSize; remaining > 0; remaining -= chunk.length) {
    const piece = remaining >= chunk.length ? chunk : chunk.subarray(0, remaining);
    crc = crc32(piece, crc);
    await write(piece);
  }
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(crc, 4);
  descriptor.writeUInt32LE(bigSize, 8);
  descriptor.writeUInt32LE(bigSize, 12);
  written.push({ name, method: 0, crc, compressedSize: bigSize, size: bigSize, offset: bigOffset, flags: 8 });
  await write(descriptor);

  for (const entry of after) await writeSmall(entry);
  await write(centralDirectory(written, offset));
  out.end();
  await once(out, "finish");
}
