import { open } from "node:fs/promises";
import { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { DiskWriter } from "./disk-writer";

/** Bytes gathered before one write to disk; each download holds two such buffers. */
export const SINK_BUFFER_BYTES = 2 * 1024 * 1024;
const SINK_BUFFERS = 2;

/**
 * The local end of one download: a `.part` file written at explicit positions by the
 * disk thread (disk-writer.ts), which keeps the SHA-256 of everything in it. A resumed
 * download hashes the bytes already present. When the printer ignores the requested
 * range and sends the file from its start (PrusaLink answering 200 instead of 206),
 * `restartAt(0)` rewinds position and hash, so the bytes it sends overwrite the old ones
 * instead of being appended after them.
 *
 * Incoming chunks are copied into one of two buffers and released at once; a full buffer
 * moves to the disk thread while the other fills. Backpressure: a chunk is acknowledged
 * when it is copied, which waits while both buffers are with the thread, so the driver's
 * write() returns false and it waits for "drain".
 */
export class PartSink extends Writable {
  /** Where the next byte goes: bytes on disk plus bytes buffered. */
  position: number;
  /** Bytes received in this run (not counting what was already on disk). */
  received = 0;
  private readonly writer: DiskWriter;
  private readonly free: ArrayBuffer[] = Array.from({ length: SINK_BUFFERS }, () => new ArrayBuffer(SINK_BUFFER_BYTES));
  private current: Buffer | null = null;
  private filled = 0;
  /** File position of the current buffer's first byte. */
  private fillAt: number;
  private wake: (() => void) | null = null;
  private inflight: Promise<void> = Promise.resolve();

  private constructor(partPath: string, offset: number) {
    // Below a buffer's size: while both buffers are with the thread, chunks wait in the socket rather than in this stream's queue.
    super({ highWaterMark: 1024 * 1024 });
    this.position = offset;
    this.fillAt = offset;
    this.writer = new DiskWriter(partPath, offset, (freed) => {
      if (freed) this.free.push(freed);
      const wake = this.wake;
      this.wake = null;
      wake?.();
    });
  }

  /** Opens (or creates) `partPath`; keeps at most `keep` existing bytes (Infinity: all) and hashes them. */
  static async open(partPath: string, keep: number): Promise<PartSink> {
    const handle = await open(partPath, "a+");
    try {
      const { size } = await handle.stat();
      const offset = Math.min(size, keep);
      if (offset < size) await handle.truncate(offset);
      return new PartSink(partPath, offset);
    } finally {
      await handle.close();
    }
  }

  /** The printer restarted the transfer at `at` (only 0 is possible: a full resend, before any byte of this run). */
  restartAt(at: number): void {
    if (at !== 0) throw new Error(`cannot restart at ${at}`);
    if (this.received > 0) throw new Error("cannot restart after bytes were received");
    this.position = 0;
    this.fillAt = 0;
    this.writer.restart();
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
      const target = this.current ?? (this.current = Buffer.from(await this.freeBuffer()));
      const copied = chunk.copy(target, this.filled, from);
      this.filled += copied;
      from += copied;
      this.position += copied;
      this.received += copied;
      if (this.filled === SINK_BUFFER_BYTES) await this.flush();
    }
  }

  /** Hands the current buffer to the disk thread. */
  private async flush(): Promise<void> {
    if (this.writer.failure) throw this.writer.failure;
    const current = this.current;
    if (!current || this.filled === 0) return;
    this.writer.write(current.buffer as ArrayBuffer, this.filled, this.fillAt);
    this.fillAt += this.filled;
    this.current = null;
    this.filled = 0;
  }

  /** A buffer the thread has given back; waits while both are with it. */
  private async freeBuffer(): Promise<ArrayBuffer> {
    for (;;) {
      if (this.writer.failure) throw this.writer.failure;
      const buffer = this.free.pop();
      if (buffer) return buffer;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Waits until the thread has written every buffer; throws if a write failed. */
  private async settled(): Promise<void> {
    while (this.free.length < SINK_BUFFERS - (this.current ? 1 : 0)) {
      if (this.writer.failure) break;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    if (this.writer.failure) throw this.writer.failure;
  }

  /** Waits for queued writes, cuts the file at the final position and syncs it; returns the SHA-256 (hex). */
  async complete(): Promise<string> {
    // finished() rejects when the last write fails (a full disk): end()'s callback would not.
    this.end();
    await finished(this);
    try {
      return await this.writer.finish(this.position);
    } finally {
      await this.writer.close();
    }
  }

  /** Writes what is buffered and closes, so a later resume starts after every byte received; rejects if the file could not be cut where its good bytes end. */
  async keep(): Promise<void> {
    if (this.destroyed || this.errored) return this.abandon();
    await new Promise<void>((resolve) => {
      this.once("error", () => resolve());
      this.end(() => resolve());
    });
    await this.settled().catch(() => undefined);
    await this.writer.close(this.writer.written);
  }

  /** Closes without writing what is buffered (cancel, bad content). */
  async abandon(): Promise<void> {
    if (!this.destroyed) this.destroy();
    await this.inflight;
    await this.writer.close();
  }
}
