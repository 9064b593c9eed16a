// The body of the download disk thread (see disk-writer.ts). Plain JavaScript so that it
// loads the same way under `node --import tsx`, vitest and the production image, none of
// which hand their TypeScript loader to a worker thread.
//
// Per job, in order: {op: "open", id, path, offset, slots} hashes the first `offset`
// bytes already in the file; `slots` are the job's SharedArrayBuffers, which both threads
// see, so a buffer's bytes are never copied or moved between them. {op: "write", id,
// slot, length, position} writes and hashes a slot's first `length` bytes and gives the
// slot back ({id, op: "written", slot, written} or with `error`); {op: "restart", id}
// drops the hash (the printer sends the file again from byte 0); {op: "finish", id,
// length} cuts the file at `length`, syncs it and answers {id, op: "finished", digest};
// {op: "close", id, length} cuts the file at `length` when given and answers
// {id, op: "closed"}. Errors travel as {message, code}.
//
// Every SYNC_EVERY bytes a job's file is flushed in the background (fdatasync on the
// libuv pool) while later slots are still written, so the disk writes back during the
// download instead of all at its end: the closing fsync then has little left to do. A
// failed background flush fails the job like a failed write. One flush runs at a time
// over all jobs: the pool's four threads also serve the worker's other file and DNS
// work, and a flush to an SD card can take seconds.
import { createHash } from "node:crypto";
import { closeSync, fdatasync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from "node:fs";
import { parentPort } from "node:worker_threads";

const SYNC_EVERY = 32 * 1024 * 1024;
const jobs = new Map();
let flushing = false;

function describe(err) {
  return { message: err instanceof Error ? err.message : String(err), code: typeof err?.code === "string" ? err.code : null };
}

/** One read buffer for all jobs' prefixes: the thread hashes one prefix at a time. */
let prefixBuffer = null;

function hashPrefix(job, length) {
  if (length === 0) return;
  prefixBuffer ??= Buffer.allocUnsafe(1024 * 1024);
  const buffer = prefixBuffer;
  let at = 0;
  while (at < length) {
    const read = readSync(job.fd, buffer, 0, Math.min(buffer.length, length - at), at);
    if (read === 0) throw new Error(`file ended at ${at} bytes, ${length} expected`);
    job.hash.update(buffer.subarray(0, read));
    at += read;
  }
}

function writeAll(fd, data, position) {
  let done = 0;
  while (done < data.length) done += writeSync(fd, data, done, data.length - done, position + done);
}

function flushInBackground(job) {
  flushing = true;
  job.unsynced = 0;
  job.syncing = new Promise((resolve) => {
    fdatasync(job.fd, (err) => {
      if (err) job.failed ??= describe(err);
      flushing = false;
      job.syncing = null;
      resolve();
    });
  });
}

function release(job) {
  if (job.fd !== null) closeSync(job.fd);
  job.fd = null;
}

const handlers = {
  open(message) {
    const job = { fd: null, hash: createHash("sha256"), failed: null, unsynced: 0, syncing: null, slots: message.slots.map((slot) => Buffer.from(slot)) };
    jobs.set(message.id, job);
    try {
      job.fd = openSync(message.path, "r+");
      hashPrefix(job, message.offset);
    } catch (err) {
      job.failed = describe(err);
    }
  },
  write(message, job) {
    const reply = { id: message.id, op: "written", slot: message.slot };
    if (!job.failed) {
      try {
        const data = job.slots[message.slot].subarray(0, message.length);
        writeAll(job.fd, data, message.position);
        job.hash.update(data);
        reply.written = message.position + message.length;
        job.unsynced += message.length;
        if (job.unsynced >= SYNC_EVERY && !flushing) flushInBackground(job);
      } catch (err) {
        job.failed = describe(err);
      }
    }
    if (job.failed) reply.error = job.failed;
    parentPort.postMessage(reply);
  },
  restart(_message, job) {
    job.hash = createHash("sha256");
  },
  finish(message, job) {
    if (!job.failed) {
      try {
        ftruncateSync(job.fd, message.length);
        fsyncSync(job.fd);
        release(job);
        parentPort.postMessage({ id: message.id, op: "finished", digest: job.hash.digest("hex") });
        return;
      } catch (err) {
        job.failed = describe(err);
      }
    }
    parentPort.postMessage({ id: message.id, op: "finished", error: job.failed });
  },
  close(message, job) {
    let error;
    try {
      if (job.fd !== null && typeof message.length === "number") ftruncateSync(job.fd, message.length);
    } catch (err) {
      error = describe(err);
    }
    try {
      release(job);
    } finally {
      jobs.delete(message.id);
      parentPort.postMessage(error ? { id: message.id, op: "closed", error } : { id: message.id, op: "closed" });
    }
  },
};

parentPort.on("message", (message) => {
  if (message.op === "open") return handlers.open(message);
  const job = jobs.get(message.id);
  if (!job) {
    if (message.op === "write") parentPort.postMessage({ id: message.id, op: "written", slot: message.slot, error: { message: "no such job", code: null } });
    else parentPort.postMessage({ id: message.id, op: message.op === "finish" ? "finished" : "closed", error: { message: "no such job", code: null } });
    return;
  }
  // The file is not cut or closed under a background flush: that waits for it.
  if (job.syncing && (message.op === "finish" || message.op === "close")) {
    job.syncing.then(() => handlers[message.op](message, job));
    return;
  }
  handlers[message.op](message, job);
});
