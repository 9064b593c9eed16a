// The body of the file hasher's worker thread (see file-hasher.ts). Plain JavaScript so
// that it loads the same way under `node --import tsx`, vitest and the production image,
// none of which hand their TypeScript loader to a worker thread.
//
// Messages, in order per job: {op: "open", id, path}, {op: "advance", id, length},
// {op: "reset", id}, {op: "digest", id, length}, {op: "close", id}. Replies:
// {id, digest} or {id, error}. Each job hashes its file from disk, up to the length the
// main thread has confirmed written, so the digest covers what is stored, not what was
// meant to be written.
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { parentPort } from "node:worker_threads";

const CHUNK = 1024 * 1024;
const jobs = new Map();

function job(id) {
  const current = jobs.get(id);
  if (!current) throw new Error(`no hash job ${id}`);
  return current;
}

/** Runs `step` after everything queued for the job before it. */
function enqueue(current, step) {
  current.chain = current.chain.then(step).catch((err) => {
    current.failed ??= err instanceof Error ? err : new Error(String(err));
  });
  return current.chain;
}

async function hashUpTo(current, length) {
  while (current.hashed < length) {
    const want = Math.min(CHUNK, length - current.hashed);
    const { bytesRead } = await current.handle.read(current.buffer, 0, want, current.hashed);
    if (bytesRead === 0) throw new Error(`file ended at ${current.hashed} bytes, ${length} expected`);
    current.hash.update(current.buffer.subarray(0, bytesRead));
    current.hashed += bytesRead;
  }
}

parentPort.on("message", (message) => {
  const { op, id } = message;
  if (op === "open") {
    const current = { hash: createHash("sha256"), hashed: 0, buffer: Buffer.allocUnsafe(CHUNK), handle: null, failed: null, chain: Promise.resolve() };
    jobs.set(id, current);
    enqueue(current, async () => {
      current.handle = await open(message.path, "r");
    });
    return;
  }
  const current = job(id);
  if (op === "advance") {
    enqueue(current, () => hashUpTo(current, message.length));
  } else if (op === "reset") {
    // A rewrite from the start makes anything read before it irrelevant, a failed read included.
    enqueue(current, () => {
      current.hash = createHash("sha256");
      current.hashed = 0;
      current.failed = null;
    });
  } else if (op === "digest") {
    enqueue(current, () => hashUpTo(current, message.length)).then(() => {
      if (current.failed) parentPort.postMessage({ id, error: current.failed.message });
      else parentPort.postMessage({ id, digest: current.hash.digest("hex") });
    });
  } else if (op === "close") {
    jobs.delete(id);
    enqueue(current, () => current.handle?.close());
  }
});
