import { Worker } from "node:worker_threads";
import { z } from "zod";

/** The thread ends after this long without a job, so an idle worker process does not keep its memory. */
const IDLE_EXIT_MS = 15_000;

const replySchema = z.union([z.object({ id: z.number(), digest: z.string() }), z.object({ id: z.number(), error: z.string() })]);

interface Pending {
  resolve: (digest: string) => void;
  reject: (err: Error) => void;
}

/**
 * One worker thread shared by all downloads. Hashing a 200 MB file costs the main thread
 * about as much CPU as receiving it; on a two-core box that halved the download rate, so
 * the SHA-256 runs beside the transfer instead of inside it.
 */
class HashThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private open = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly pending = new Map<number, Pending>();

  start(path: string): number {
    const id = this.nextId++;
    this.open++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.post({ op: "open", id, path });
    return id;
  }

  post(message: { op: string; id: number; path?: string; length?: number }): void {
    this.thread().postMessage(message);
  }

  digest(id: number, length: number): Promise<string> {
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ op: "digest", id, length });
    });
  }

  finish(id: number): void {
    this.post({ op: "close", id });
    this.open--;
    if (this.open === 0) {
      this.idleTimer = setTimeout(() => void this.stop(), IDLE_EXIT_MS);
      this.idleTimer.unref();
    }
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./hash-thread.mjs", import.meta.url), { execArgv: [] });
    worker.unref();
    worker.on("message", (raw: unknown) => {
      const reply = replySchema.parse(raw);
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ("digest" in reply) waiting.resolve(reply.digest);
      else waiting.reject(new Error(`hashing failed: ${reply.error}`));
    });
    worker.on("error", (err) => this.failAll(err));
    worker.on("exit", () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error("hash thread exited"));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(err: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
  }
}

const shared = new HashThread();

/**
 * The SHA-256 of a file being written, computed on the shared hash thread from the file
 * itself: `advance(n)` says bytes [0, n) are on disk, `digest(n)` hashes up to n and
 * returns the hex digest. A rewrite from the start (`reset`) drops what was hashed.
 */
export class FileHasher {
  private readonly id: number;
  private closed = false;

  constructor(path: string) {
    this.id = shared.start(path);
  }

  advance(length: number): void {
    shared.post({ op: "advance", id: this.id, length });
  }

  reset(): void {
    shared.post({ op: "reset", id: this.id });
  }

  async digest(length: number): Promise<string> {
    try {
      return await shared.digest(this.id, length);
    } finally {
      this.close();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    shared.finish(this.id);
  }
}
