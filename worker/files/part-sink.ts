import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { Writable } from "node:stream";

/** Buffered writes are flushed to disk in chunks of about this size. */
export const SINK_HIGH_WATER = 4 * 1024 * 1024;

/**
 * The local end of one download: a `.part` file written at explicit positions while a
 * SHA-256 of everything in it is kept up to date. A resumed download first hashes the
 * bytes already present. When the printer ignores the requested range and sends the
 * file from its start (PrusaLink answering 200 instead of 206), `restartAt(0)` rewinds
 * position and hash, so the bytes it sends overwrite the old ones instead of being
 * appended after them. Backpressure: the driver waits for "drain" when write() returns
 * false; chunks queued meanwhile are written in one call (writev).
 */
export class PartSink extends Writable {
  position: number;
  /** Bytes received in this run (not counting what was already on disk). */
  received = 0;
  private hash: Hash;
  private inflight: Promise<void> = Promise.resolve();

  private constructor(
    private readonly handle: FileHandle,
    offset: number,
    hash: Hash,
  ) {
    super({ highWaterMark: SINK_HIGH_WATER });
    this.position = offset;
    this.hash = hash;
  }

  /** Opens (or creates) `partPath`; keeps at most `keep` existing bytes (Infinity: all) and hashes them. */
  static async open(partPath: string, keep: number): Promise<PartSink> {
    const handle = await open(partPath, "a+").then(async (h) => {
      await h.close();
      return open(partPath, "r+");
    });
    try {
      const { size } = await handle.stat();
      const offset = Math.min(size, keep);
      if (offset < size) await handle.truncate(offset);
      const hash = createHash("sha256");
      if (offset > 0) await hashPrefix(partPath, offset, hash);
      return new PartSink(handle, offset, hash);
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  /** The printer restarted the transfer at `at` (only 0 is possible: a full resend). */
  restartAt(at: number): void {
    if (at !== 0) throw new Error(`cannot restart at ${at}`);
    this.position = 0;
    this.hash = createHash("sha256");
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.track(this.writeAt([chunk]), callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.track(this.writeAt(chunks.map((c) => c.chunk)), callback);
  }

  private track(write: Promise<void>, callback: (error?: Error | null) => void): void {
    this.inflight = write.then(
      () => callback(),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
  }

  /**
   * One vectored write per batch (no copy into one buffer); the hash is updated while
   * the write runs on libuv's thread pool, so hashing and disk I/O overlap. A failed
   * write fails the download, so hashing ahead of it cannot leave a wrong digest behind.
   */
  private async writeAt(buffers: Buffer[]): Promise<void> {
    const length = buffers.reduce((n, b) => n + b.length, 0);
    const written = writeFully(this.handle, buffers, length, this.position);
    for (const b of buffers) this.hash.update(b);
    await written;
    this.position += length;
    this.received += length;
  }

  /** Waits for queued writes, cuts the file at the final position and syncs it; returns the SHA-256 (hex). */
  async complete(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.once("error", reject);
      this.end(() => resolve());
    });
    await this.handle.truncate(this.position);
    await this.handle.sync();
    await this.handle.close();
    return this.hash.digest("hex");
  }

  /** Writes what is buffered and closes, so a later resume starts after every byte received. */
  async keep(): Promise<void> {
    if (this.destroyed || this.errored) return this.abandon();
    await new Promise<void>((resolve) => {
      this.once("error", () => resolve());
      this.end(() => resolve());
    });
    await this.handle.truncate(this.position).catch(() => undefined);
    await this.handle.close().catch(() => undefined);
  }

  /** Closes without writing what is buffered (cancel, bad content). */
  async abandon(): Promise<void> {
    if (!this.destroyed) this.destroy();
    await this.inflight;
    await this.handle.close().catch(() => undefined);
  }
}

/** Writes all of `buffers` at `position`; a short vectored write is finished from where it stopped. */
async function writeFully(handle: FileHandle, buffers: Buffer[], length: number, position: number): Promise<void> {
  const { bytesWritten } = await handle.writev(buffers, position);
  if (bytesWritten === length) return;
  const rest = Buffer.concat(buffers).subarray(bytesWritten);
  let done = 0;
  while (done < rest.length) {
    const result = await handle.write(rest, done, rest.length - done, position + bytesWritten + done);
    done += result.bytesWritten;
  }
}

async function hashPrefix(filePath: string, length: number, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(filePath, { start: 0, end: length - 1, highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
  }
}
