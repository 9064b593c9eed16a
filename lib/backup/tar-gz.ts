import { createReadStream, createWriteStream } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";

const BLOCK = 512;

function octal(value: number, length: number): string {
  return value.toString(8).padStart(length - 1, "0") + "\0";
}

function header(name: string, size: number, mtime: Date, type: "0" | "5" | "x"): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, "utf8");
  block.write(octal(type === "5" ? 0o755 : 0o644, 8), 100, "ascii");
  block.write(octal(0, 8), 108, "ascii");
  block.write(octal(0, 8), 116, "ascii");
  block.write(octal(size, 12), 124, "ascii");
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, "ascii");
  block.fill(" ", 148, 156);
  block.write(type, 156, "ascii");
  block.write("ustar\u000000", 257, "ascii");
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + " ", 148, "ascii");
  return block;
}

/** A PAX extended header carrying the full path, for names over 100 bytes. */
function paxPath(name: string, mtime: Date): Buffer {
  const body = (length: number) => `${length} path=${name}\n`;
  let length = Buffer.byteLength(body(0));
  while (Buffer.byteLength(body(length)) !== length) length = Buffer.byteLength(body(length));
  const data = Buffer.from(body(length));
  return Buffer.concat([header("PaxHeader", data.length, mtime, "x"), data, Buffer.alloc(padding(data.length))]);
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function entryHeader(name: string, size: number, mtime: Date, type: "0" | "5"): Buffer {
  const short = Buffer.byteLength(name) <= 100 ? name : name.slice(0, 99);
  const pax = short === name ? Buffer.alloc(0) : paxPath(name, mtime);
  return Buffer.concat([pax, header(short, size, mtime, type)]);
}

async function* walk(root: string, relative = ""): AsyncGenerator<{ relative: string; full: string; dir: boolean }> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      yield { relative: rel, full: path.join(root, rel), dir: true };
      yield* walk(root, rel);
    } else if (entry.isFile()) {
      yield { relative: rel, full: path.join(root, rel), dir: false };
    }
  }
}

/**
 * Writes `dir` as a gzip-compressed POSIX tar archive (regular files and folders only;
 * symlinks are skipped so an archive never follows a link out of the files root).
 * Returns the number of files archived.
 */
export async function writeTarGz(dir: string, target: string, topName = path.basename(dir)): Promise<number> {
  const tar = new PassThrough({ highWaterMark: 1 << 20 });
  let files = 0;
  const produce = (async () => {
    const write = async (chunk: Buffer) => {
      if (!tar.write(chunk)) await new Promise((resolve) => tar.once("drain", resolve));
    };
    try {
      await write(entryHeader(`${topName}/`, 0, new Date(), "5"));
      for await (const entry of walk(dir)) {
        const stat = await lstat(entry.full);
        const name = `${topName}/${entry.relative}${entry.dir ? "/" : ""}`;
        if (entry.dir) {
          await write(entryHeader(name, 0, stat.mtime, "5"));
          continue;
        }
        await write(entryHeader(name, stat.size, stat.mtime, "0"));
        let written = 0;
        const content = stat.size > 0 ? createReadStream(entry.full, { end: stat.size - 1 }) : [];
        for await (const chunk of content) {
          const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
          // A file that grew since stat() is cut at the size the header announced.
          const part = buffer.subarray(0, Math.max(0, stat.size - written));
          written += part.length;
          await write(part);
        }
        // A file that shrank since stat() is padded with zeros to keep the archive valid.
        if (written < stat.size) await write(Buffer.alloc(stat.size - written));
        await write(Buffer.alloc(padding(stat.size)));
        files++;
      }
      await write(Buffer.alloc(BLOCK * 2));
      tar.end();
    } catch (err) {
      tar.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  await Promise.all([pipeline(tar, createGzip({ level: 6 }), createWriteStream(target)), produce]);
  return files;
}
