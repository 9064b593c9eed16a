import { closeSync, existsSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

export interface RotatingFileOptions {
  file: string;
  /** Rotate once the file reaches this many bytes. */
  maxBytes: number;
  /** Rotate once the file is older than this (ms since it was opened or created). */
  maxAgeMs: number;
  /** Rotated files kept beside the current one: file.1 (newest) … file.N. */
  maxFiles: number;
  now?: () => number;
}

/**
 * A log destination that rotates by size and age: file → file.1 → … → file.N, oldest
 * dropped. Writes are synchronous appends, so a crash loses no line already logged and
 * the process needs no flush on exit; one write per log line is cheap at our volume.
 */
export class RotatingFile {
  private fd: number;
  private size: number;
  private openedAt: number;
  private readonly now: () => number;

  constructor(private readonly opts: RotatingFileOptions) {
    this.now = opts.now ?? Date.now;
    mkdirSync(path.dirname(opts.file), { recursive: true });
    this.fd = openSync(opts.file, "a", 0o640);
    const stat = fstatSync(this.fd);
    this.size = stat.size;
    this.openedAt = stat.size > 0 ? stat.birthtimeMs || stat.mtimeMs : this.now();
  }

  write(chunk: string): boolean {
    const bytes = Buffer.byteLength(chunk);
    if (this.size > 0 && (this.size + bytes > this.opts.maxBytes || this.now() - this.openedAt >= this.opts.maxAgeMs)) this.rotate();
    writeSync(this.fd, chunk);
    this.size += bytes;
    return true;
  }

  private rotate(): void {
    closeSync(this.fd);
    const { file, maxFiles } = this.opts;
    rmSync(`${file}.${maxFiles}`, { force: true });
    for (let i = maxFiles - 1; i >= 1; i--) {
      if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    }
    if (maxFiles >= 1) renameSync(file, `${file}.1`);
    else rmSync(file, { force: true });
    this.fd = openSync(file, "a", 0o640);
    this.size = 0;
    this.openedAt = this.now();
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** "10485760", "512k", "10m", "1g" → bytes. */
export function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(value.trim());
  if (!match) throw new Error(`invalid size "${value}" (use e.g. 10m)`);
  const factor = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase() as "" | "k" | "m" | "g"];
  return Math.floor(Number(match[1]) * factor);
}

/** "24h", "7d", "30m" → milliseconds. */
export function parseAge(value: string): number {
  const match = /^(\d+)\s*([mhd])$/i.exec(value.trim());
  if (!match) throw new Error(`invalid age "${value}" (use e.g. 24h or 7d)`);
  return Number(match[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2].toLowerCase() as "m" | "h" | "d"];
}
