import { open, type FileHandle } from "node:fs/promises";
import { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { FileHasher } from "./file-hasher";

/** Bytes gathered before one write to disk; each download holds two such buffers. */
export const SINK_BUFFER_BYTES = 2 * 1024 * 1024;

/**
 * The local end of one download: a `.part` file written at explicit positions while a
 * SHA-256 of everything in it is kept up to date on the hash thread, which reads back
 * what is written. A resumed download hashes the bytes already present. When the
 * printer ignores the requested range and sends the file from its start (PrusaLink
 * answering 200 instead of 206), `restartAt(0)` rewinds position and hash, so the bytes
 * it sends overwrite the old ones instead of being appended after them.
 *
 * Incoming chunks are copied into one of two buffers owned by the sink and released at
 * once; a full buffer is written while the other fills. The worker runs with a small
 * young generation (see scripts/start.mjs): chunks kept queued until their write ended
 * survived into the old generation, and collecting them cost more CPU than the transfer.
 * Backpressure: a chunk is acknowledged when it is copied, which waits while both
 * buffers are full, so the driver's write() returns false and it waits for "drain".
 */
export class PartSink extends Writable {
  /** Where the next byte goes: bytes on disk plus bytes buffered. */
  position: number;
  /** Bytes received in this run (not counting what was already on disk). */
  received = 0;
  private readonly hasher: FileHasher;
  private readonly buffers = [Buffer.allocUnsafeSlow(SINK_BUFFER_BYTES), Buffer.allocUnsafeSlow(SINK_BUFFER_BYTES)];
  private current = 0;
  private filled = 0;
  /** File position of the current buffer's first byte. */
  private fillAt: number;
  /** End of the bytes known to be on disk. */
  private written: number;
  private flushing: Promise<void> = Promise.resolve();
  private writeFailure: Error | null = null;
  private inflight: Promise<void> = Promise.resolve();

  private constructor(
    private readonly handle: FileHandle,
    offset: number,
    hasher: FileHasher,
  ) {
    // Below a buffer's size: while both buffers are full, chunks wait in the socket rather than in this stream's queue.
    super({ highWaterMark: 1024 * 1024 });
    this.position = offset;
    this.fillAt = offset;
    this.written = offset;
    this.hasher = hasher;
    hasher.advance(offset);
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
      return new PartSink(handle, offset, new FileHasher(partPath));
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  /** The printer restarted the transfer at `at` (only 0 is possible: a full resend, before any byte of this run). */
  restartAt(at: number): void {
    if (at !== 0) throw new Error(`cannot restart at ${at}`);
    if (this.received > 0) throw new Error("cannot restart after bytes were received");
    this.position = 0;
    this.fillAt = 0;
    this.written = 0;
    this.hasher.reset();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.inflight = this.take(chunk).then(
      () => callback(),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.inflight = this.flush()
      .then(() => this.settled())
      .then(
        () => callback(),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
  }

  private async take(chunk: Buffer): Promise<void> {
    let from = 0;
    while (from < chunk.length) {
      const copied = chunk.copy(this.buffers[this.current], this.filled, from);
      this.filled += copied;
      from += copied;
      this.position += copied;
      this.received += copied;
      if (this.filled === SINK_BUFFER_BYTES) await this.flush();
    }
  }

  /** Starts writing the current buffer once the other one's write has ended, then fills the other one. */
  private async flush(): Promise<void> {
    if (this.filled === 0) return;
    await this.settled();
    const data = this.buffers[this.current].subarray(0, this.filled);
    const at = this.fillAt;
    this.current = 1 - this.current;
    this.fillAt = at + data.length;
    this.filled = 0;
    this.flushing = writeFully(this.handle, data, at).then(
      () => {
        this.written = at + data.length;
        this.hasher.advance(this.written);
      },
      (err: unknown) => {
        this.writeFailure = err instanceof Error ? err : new Error(String(err));
      },
    );
  }

  /** Waits for the write in progress; throws if any write failed. */
  private async settled(): Promise<void> {
    await this.flushing;
    if (this.writeFailure) throw this.writeFailure;
  }

  /** Waits for queued writes, cuts the file at the final position and syncs it; returns the SHA-256 (hex). */
  async complete(): Promise<string> {
    // finished() rejects when the last write fails (a full disk): end()'s callback would not.
    this.end();
    await finished(this);
    await this.handle.truncate(this.position);
    // The last batch is hashed while the data is synced.
    const [digest] = await Promise.all([this.hasher.digest(this.position), this.handle.sync()]);
    await this.handle.close();
    return digest;
  }

  /** Writes what is buffered and closes, so a later resume starts after every byte received. */
  async keep(): Promise<void> {
    if (this.destroyed || this.errored) return this.abandon();
    await new Promise<void>((resolve) => {
      this.once("error", () => resolve());
      this.end(() => resolve());
    });
    await this.flushing;
    await this.handle.truncate(this.written).catch(() => undefined);
    await this.handle.close().catch(() => undefined);
    this.hasher.close();
  }

  /** Closes without writing what is buffered (cancel, bad content). */
  async abandon(): Promise<void> {
    if (!this.destroyed) this.destroy();
    await this.inflight;
    await this.flushing;
    await this.handle.close().catch(() => undefined);
    this.hasher.close();
  }
}

/** Writes all of `data` at `position`, finishing a short write from where it stopped. */
async function writeFully(handle: FileHandle, data: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
    done += bytesWritten;
  }
}
