import { Worker } from "node:worker_threads";
import { z } from "zod";

/** The thread ends after this long without a job, so an idle worker process does not keep its memory. */
const IDLE_EXIT_MS = 15_000;

const failureSchema = z.object({ message: z.string(), code: z.string().nullable() });
const replySchema = z.discriminatedUnion("op", [
  z.object({ id: z.number(), op: z.literal("written"), slot: z.number().int().nonnegative(), written: z.number().optional(), error: failureSchema.optional() }),
  z.object({ id: z.number(), op: z.literal("finished"), digest: z.string().optional(), error: failureSchema.optional() }),
  z.object({ id: z.number(), op: z.literal("closed"), error: failureSchema.optional() }),
]);
type Reply = z.infer<typeof replySchema>;
type Failure = z.infer<typeof failureSchema>;

/** An Error that keeps the system error code (ENOSPC, EACCES...) the thread reported. */
function toError(failure: Failure): Error {
  return Object.assign(new Error(failure.message), failure.code ? { code: failure.code } : {});
}

/**
 * One worker thread shared by all downloads writes and hashes their bytes. On the main
 * thread, the writes and the SHA-256 of a 200 MB file cost several times the CPU of
 * receiving it and kept the garbage collector busy; here the main thread only receives
 * and copies into slots of shared memory that both threads see. Slots are allocated
 * once per download: buffers moved between the threads instead came back as new
 * ArrayBuffers, and each 2 MiB of new external memory brought the next full GC closer.
 */
class DiskThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly jobs = new Map<number, (reply: Reply) => void>();

  register(onReply: (reply: Reply) => void): number {
    const id = this.nextId++;
    this.jobs.set(id, onReply);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    return id;
  }

  unregister(id: number): void {
    this.jobs.delete(id);
    if (this.jobs.size > 0) return;
    this.idleTimer = setTimeout(() => void this.stop(), IDLE_EXIT_MS);
    this.idleTimer.unref();
  }

  post(message: { op: string; id: number; path?: string; offset?: number; length?: number; position?: number; slot?: number; slots?: SharedArrayBuffer[] }): void {
    this.thread().postMessage(message);
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./disk-thread.mjs", import.meta.url), { execArgv: [] });
    worker.unref();
    worker.on("message", (raw: unknown) => {
      const reply = replySchema.parse(raw);
      this.jobs.get(reply.id)?.(reply);
    });
    const lost = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      const failure = { message: `disk thread ended: ${err.message}`, code: null };
      for (const [id, onReply] of this.jobs) onReply({ id, op: "closed", error: failure });
    };
    worker.on("error", lost);
    worker.on("exit", (code) => lost(new Error(`exit ${code}`)));
    this.worker = worker;
    return worker;
  }
}

const shared = new DiskThread();

/**
 * Writes one `.part` file on the disk thread and keeps its SHA-256, starting with the
 * `offset` bytes already in it. `slots` are the shared buffers the caller fills; a slot
 * handed to `write` belongs to the thread until `onChange` gives its index back. It is
 * also called (with null) when a failure or the end of the file's job is learnt. The
 * first failure is kept in `failure`.
 */
export class DiskWriter {
  private readonly id: number;
  /** End of the bytes the thread has written. */
  written: number;
  failure: Error | null = null;
  private finishing: { resolve: (digest: string) => void; reject: (err: Error) => void } | null = null;
  private closing: ((error: Error | null) => void) | null = null;
  private closed = false;

  constructor(
    path: string,
    offset: number,
    slots: SharedArrayBuffer[],
    private readonly onChange: (freedSlot: number | null) => void,
  ) {
    this.written = offset;
    this.id = shared.register((reply) => this.receive(reply));
    shared.post({ op: "open", id: this.id, path, offset, slots });
  }

  /** Hands slot `slot` (its first `length` bytes) to the thread, to be written at `position`. */
  write(slot: number, length: number, position: number): void {
    shared.post({ op: "write", id: this.id, slot, length, position });
  }

  /** The printer sends the file again from byte 0: the hash starts over. */
  restart(): void {
    this.written = 0;
    shared.post({ op: "restart", id: this.id });
  }

  /** Cuts the file at `length`, syncs it and returns the SHA-256 (hex) of its bytes. */
  finish(length: number): Promise<string> {
    return new Promise((resolve, reject) => {
      this.finishing = { resolve, reject };
      shared.post({ op: "finish", id: this.id, length });
    });
  }

  /**
   * Closes the file, cut at `length` when given; waits until the thread has let go of it.
   * Rejects when the file could not be cut there: its end may then hold bytes of a failed write.
   */
  close(length?: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return new Promise((resolve, reject) => {
      this.closing = (error) => (error ? reject(error) : resolve());
      shared.post({ op: "close", id: this.id, length });
    });
  }

  private receive(reply: Reply): void {
    if (reply.error) this.failure ??= toError(reply.error);
    if (reply.op === "written") {
      if (reply.written !== undefined) this.written = reply.written;
      this.onChange(reply.slot);
    } else if (reply.op === "finished") {
      const finishing = this.finishing;
      this.finishing = null;
      if (reply.digest !== undefined && !reply.error) finishing?.resolve(reply.digest);
      else finishing?.reject(this.failure ?? new Error("disk thread gave no digest"));
    } else {
      this.finishing?.reject(this.failure ?? new Error("file closed"));
      this.finishing = null;
      this.closing?.(reply.error ? toError(reply.error) : null);
      this.closing = null;
      this.closed = true;
      shared.unregister(this.id);
      this.onChange(null);
    }
  }
}
