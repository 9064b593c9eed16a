import { open } from "node:fs/promises";
import { locateBgcodeThumbnails, thumbnailFormat } from "./bgcode";

/**
 * Reads the PNG previews PrusaSlicer embeds in print files: `; thumbnail begin WxH LEN`
 * blocks of base64 near the top of text G-code, thumbnail blocks in binary G-code.
 * Only the head of the file is read, so a 200 MB file costs the same as a small one.
 */

export interface Thumbnail {
  width: number;
  height: number;
  png: Buffer;
}

const textHeadBytes = 2 * 1024 * 1024;

export async function readThumbnails(diskPath: string): Promise<Thumbnail[]> {
  const file = await open(diskPath, "r");
  try {
    const { size } = await file.stat();
    const magic = Buffer.alloc(4);
    await file.read(magic, 0, 4, 0);
    if (magic.toString("ascii") === "GCDE") {
      const locations = await locateBgcodeThumbnails(file, size);
      const pngs = locations.filter((l) => l.format === thumbnailFormat.png);
      return Promise.all(
        pngs.map(async (l) => {
          const png = Buffer.alloc(l.length);
          await file.read(png, 0, l.length, l.offset);
          return { width: l.width, height: l.height, png };
        }),
      );
    }
    const head = Buffer.alloc(Math.min(size, textHeadBytes));
    await file.read(head, 0, head.length, 0);
    return parseTextThumbnails(head.toString("latin1"));
  } finally {
    await file.close();
  }
}

export function parseTextThumbnails(text: string): Thumbnail[] {
  const out: Thumbnail[] = [];
  const pattern = /^; thumbnail begin (\d+)x(\d+) \d+\r?\n([\s\S]*?)^; thumbnail end/gm;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(text)) !== null) {
    const base64 = (m[3] ?? "").replace(/^;\s?/gm, "").replace(/\s+/g, "");
    out.push({ width: Number(m[1]), height: Number(m[2]), png: Buffer.from(base64, "base64") });
  }
  return out;
}

/**
 * Buddy serves exactly 16x16 as the small preview and a bigger one (it asks for 220x140
 * and takes larger) as the large one; no match is a 404.
 */
export function pickThumbnail(thumbs: Thumbnail[], size: "small" | "large"): Thumbnail | null {
  if (size === "small") return thumbs.find((t) => t.width === 16 && t.height === 16) ?? null;
  const big = thumbs.filter((t) => t.width > 16 || t.height > 16).sort((a, b) => b.width * b.height - a.width * a.height);
  return big[0] ?? null;
}

/** Previews already read, per file version; one per simulator. */
export class ThumbnailCache {
  private readonly entries = new Map<string, Thumbnail[]>();

  constructor(private readonly limit = 64) {}

  async get(diskPath: string, version: number): Promise<Thumbnail[]> {
    const key = `${diskPath}\u0000${version}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const thumbs = await readThumbnails(diskPath);
    const oldest = this.entries.keys().next();
    if (this.entries.size >= this.limit && !oldest.done) this.entries.delete(oldest.value);
    this.entries.set(key, thumbs);
    return thumbs;
  }
}
