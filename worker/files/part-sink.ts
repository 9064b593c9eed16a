import { open } from "node:fs/promises";
import { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { DiskWriter } from "./disk-writer";

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

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
 * Incoming chunks are copied into one of two shared buffers (slots) and released at once;
 * a full slot goes to the disk thread while the other fills. Backpressure: a chunk is
 * acknowledged when it is copied, which waits while both slots are with the thread, so
 * the driver's write() returns false and it waits for "drain".
 */
export class PartSink extends Writable {
  /** Where the next byte goes: bytes on disk plus bytes buffered. */
  position: number;
  /** Bytes received in this run (not counting what was already on disk). */
  received = 0;
  private readonly writer: DiskWriter;
  private readonly slots: Buffer[];
  private readonly free: number[];
  private current: number | null = null;
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
    const shared = Array.from({ length: SINK_BUFFERS }, () => new SharedArrayBuffer(SINK_BUFFER_BYTES));
    this.slots = shared.map((memory) => Buffer.from(memory));
    this.free = shared.map((_, slot) => slot);
    this.writer = new DiskWriter(partPath, offset, shared, (freed) => {
      if (freed !== null) this.free.push(freed);
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
    // Synchronous while a slot has room, which is almost always: a promise per chunk
    // (thousands per file) would only feed the garbage collector.
    let pending: Promise<void> | null;
    try {
      pending = this.take(chunk, 0);
    } catch (err) {
      callback(asError(err));
      return;
    }
    if (!pending) {
      callback();
      return;
    }
    this.inflight = pending.then(
      () => callback(),
      (err: unknown) => callback(asError(err)),
    );
  }

  override _final(callback: (error?: Error | null) => void): void {
    try {
      this.flush();
    } catch (err) {
      callback(asError(err));
      return;
    }
    this.inflight = this.settled().then(
      () => callback(),
      (err: unknown) => callback(asError(err)),
    );
  }

  /** Copies `chunk` from `from` on into slots; returns a promise only when it has to wait for a free slot. */
  private take(chunk: Buffer, from: number): Promise<void> | null {
    while (from < chunk.length) {
      if (this.current === null) {
        if (this.writer.failure) throw this.writer.failure;
        const slot = this.free.pop();
        if (slot === undefined) {
          const resumeAt = from;
          return this.slotReturned().then(() => this.take(chunk, resumeAt) ?? undefined);
        }
        this.current = slot;
      }
      const copied = chunk.copy(this.slots[this.current], this.filled, from);
      this.filled += copied;
      from += copied;
      this.position += copied;
      this.received += copied;
      if (this.filled === SINK_BUFFER_BYTES) this.flush();
    }
    return null;
  }

  /** Hands the current slot to the disk thread. */
  private flush(): void {
    if (this.writer.failure) throw this.writer.failure;
    const current = this.current;
    if (current === null || this.filled === 0) return;
    this.writer.write(current, this.filled, this.fillAt);
    this.fillAt += this.filled;
    this.current = null;
    this.filled = 0;
  }

  /** Resolves when the thread gives a slot back or its job ends. */
  private slotReturned(): Promise<void> {
    return new Promise<void>((resolve) => (this.wake = resolve));
  }

  /** Waits until the thread has written every buffer; throws if a write failed. */
  private async settled(): Promise<void> {
    while (this.free.length < SINK_BUFFERS - (this.current === null ? 0 : 1)) {
      if (this.writer.failure) break;
      await this.slotReturned();
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
