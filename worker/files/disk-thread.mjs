// The body of the download disk thread (see disk-writer.ts). Plain JavaScript so that it
// loads the same way under `node --import tsx`, vitest and the production image, none of
// which hand their TypeScript loader to a worker thread.
//
// Per job, in order: {op: "open", id, path, offset} hashes the first `offset` bytes
// already in the file; {op: "write", id, buffer, length, position} writes and hashes a
// buffer and hands it back ({id, op: "written", buffer, written} or with `error`);
// {op: "restart", id} drops the hash (the printer sends the file again from byte 0);
// {op: "finish", id, length} cuts the file at `length`, syncs it and answers
// {id, op: "finished", digest}; {op: "close", id, length} cuts the file at `length` when
// given and answers {id, op: "closed"}. Errors travel as {message, code}.
import { createHash } from "node:crypto";
import { closeSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from "node:fs";
import { parentPort } from "node:worker_threads";

const jobs = new Map();

function describe(err) {
  return { message: err instanceof Error ? err.message : String(err), code: typeof err?.code === "string" ? err.code : null };
}

function hashPrefix(job, length) {
  const buffer = Buffer.allocUnsafe(Math.min(length, 1024 * 1024));
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

function release(job) {
  if (job.fd !== null) closeSync(job.fd);
  job.fd = null;
}

const handlers = {
  open(message) {
    const job = { fd: null, hash: createHash("sha256"), failed: null };
    jobs.set(message.id, job);
    try {
      job.fd = openSync(message.path, "r+");
      hashPrefix(job, message.offset);
    } catch (err) {
      job.failed = describe(err);
    }
  },
  write(message, job) {
    const reply = { id: message.id, op: "written", buffer: message.buffer };
    if (!job.failed) {
      try {
        const data = Buffer.from(message.buffer, 0, message.length);
        writeAll(job.fd, data, message.position);
        job.hash.update(data);
        reply.written = message.position + message.length;
      } catch (err) {
        job.failed = describe(err);
      }
    }
    if (job.failed) reply.error = job.failed;
    parentPort.postMessage(reply, [message.buffer]);
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
    if (message.op === "write") parentPort.postMessage({ id: message.id, op: "written", buffer: message.buffer, error: { message: "no such job", code: null } }, [message.buffer]);
    else parentPort.postMessage({ id: message.id, op: message.op === "finish" ? "finished" : "closed", error: { message: "no such job", code: null } });
    return;
  }
  handlers[message.op](message, job);
});
