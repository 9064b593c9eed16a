import { open, type FileHandle } from "node:fs/promises";
import { corrupt } from "./errors";

/**
 * Random access to a print file, so a 100+ MB file costs only the bytes a parser asks
 * for. Small reads are served from a cached window, which keeps walking thousands of
 * block or entry headers cheap.
 */
export interface ByteSource {
  readonly size: number;
  /** Exactly `length` bytes at `offset`; a range past the end is a corrupt file. */
  read(offset: number, length: number): Promise<Buffer>;
  /** Bytes fetched from the underlying storage so far. */
  readonly bytesRead: number;
}

// Small enough that skipping from header to header of a large file reads little of it,
// large enough that many tiny adjacent headers cost one read between them.
const WINDOW_BYTES = 1024;
const SMALL_READ_BYTES = 256;

function checkRange(size: number, offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0) {
    throw corrupt(`invalid range ${offset}+${length}`);
  }
  if (offset + length > size) throw corrupt(`range ${offset}+${length} is past the end (${size} bytes)`);
}

abstract class WindowedSource implements ByteSource {
  bytesRead = 0;
  private window: Buffer = Buffer.alloc(0);
  private windowStart = 0;

  constructor(readonly size: number) {}

  protected abstract fetch(offset: number, length: number): Promise<Buffer>;

  async read(offset: number, length: number): Promise<Buffer> {
    checkRange(this.size, offset, length);
    const windowEnd = this.windowStart + this.window.length;
    if (offset >= this.windowStart && offset + length <= windowEnd) {
      return this.window.subarray(offset - this.windowStart, offset - this.windowStart + length);
    }
    if (length > SMALL_READ_BYTES) return this.counted(offset, length);
    this.windowStart = offset;
    this.window = await this.counted(offset, Math.min(WINDOW_BYTES, this.size - offset));
    return this.window.subarray(0, length);
  }

  private async counted(offset: number, length: number): Promise<Buffer> {
    const data = await this.fetch(offset, length);
    this.bytesRead += data.length;
    if (data.length !== length) throw corrupt(`short read at ${offset}: ${data.length} of ${length} bytes`);
    return data;
  }
}

class FileSource extends WindowedSource {
  constructor(
    private readonly handle: FileHandle,
    size: number,
  ) {
    super(size);
  }

  protected async fetch(offset: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await this.handle.read(buffer, filled, length - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  }
}

class MemorySource extends WindowedSource {
  constructor(private readonly data: Uint8Array) {
    super(data.length);
  }

  protected async fetch(offset: number, length: number): Promise<Buffer> {
    return Buffer.from(this.data.subarray(offset, offset + length));
  }
}

/** Opens `filePath`, runs `read` on it and closes it again, whatever happens. */
export async function withFileSource<T>(filePath: string, read: (source: ByteSource) => Promise<T>): Promise<T> {
  const handle = await open(filePath, "r");
  try {
    const { size } = await handle.stat();
    return await read(new FileSource(handle, size));
  } finally {
    await handle.close();
  }
}

export function memorySource(data: Uint8Array): ByteSource {
  return new MemorySource(data);
}
