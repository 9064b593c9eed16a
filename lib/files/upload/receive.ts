import busboy from "busboy";
import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, statfs, unlink } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { apiError, isApiError } from "@/lib/api/errors";
import type { UploadLimits } from "../config";

/** The multipart field that carries files; repeatable. */
export const UPLOAD_FIELD = "file";
/** Files in one request. */
export const MAX_UPLOAD_FILES = 20;
/** Free space is checked again after every this many bytes written. */
const DISK_CHECK_BYTES = 8 * 1024 * 1024;

export interface UploadRequest {
  body: ReadableStream<Uint8Array> | null;
  contentType: string | null;
  /** Declared Content-Length; null for a chunked body. */
  contentLength: number | null;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
}

/** One file of the request, complete in its part file under the temporary folder. */
export interface ReceivedFile {
  fileName: string;
  partPath: string;
  size: number;
  sha256: string;
}

export const tooLarge = (limits: UploadLimits) => apiError("payload_too_large", { maxBytes: limits.maxBytes });

function noFile() {
  return apiError("validation_failed", { issues: [{ path: UPLOAD_FIELD, code: "too_small", message: `send at least one file in the multipart field "${UPLOAD_FIELD}"` }] });
}

/** Refuses (507) when writing `more` bytes would leave less than the reserve free. */
async function assertRoom(dir: string, more: number, limits: UploadLimits): Promise<void> {
  const fs = await statfs(dir);
  if (fs.bavail * fs.bsize - more < limits.reserveBytes) throw apiError("insufficient_storage");
}

function asApiError(err: unknown, limits: UploadLimits): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOSPC" || code === "EDQUOT") return apiError("insufficient_storage");
  if (isApiError(err)) return err;
  if (err instanceof Error && /limit/i.test(err.message) && /file/i.test(err.message)) return tooLarge(limits);
  return apiError("bad_request", { reason: "the multipart body could not be read" });
}

/**
 * Streams a multipart/form-data body to part files in `tmpDir`: never more than a chunk
 * in memory, each file SHA-256 hashed as it arrives, the request refused (413) past the
 * size limit and (507) when the disk's free space would fall below the reserve, checked
 * before and while writing. Whatever goes wrong (a limit, a broken body, the client going
 * away), every part file written is removed before the error is thrown.
 */
export async function receiveUpload(request: UploadRequest, tmpDir: string, limits: UploadLimits): Promise<ReceivedFile[]> {
  const contentType = request.contentType ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) throw apiError("unsupported_media_type");
  if (request.contentLength !== null && request.contentLength > limits.maxBytes) throw tooLarge(limits);
  if (!request.body) throw noFile();
  await mkdir(tmpDir, { recursive: true });
  await assertRoom(tmpDir, request.contentLength ?? 0, limits);

  const written: string[] = [];
  const files: Promise<ReceivedFile>[] = [];
  const source = Readable.fromWeb(request.body as WebReadableStream<Uint8Array>);
  const parser = busboy({
    headers: { "content-type": contentType },
    defParamCharset: "utf8",
    limits: { files: MAX_UPLOAD_FILES, fileSize: limits.maxBytes, fields: 20, parts: MAX_UPLOAD_FILES + 20 },
  });
  let total = 0;
  let sinceCheck = 0;
  let failed = false;
  let rejectRequest: (err: unknown) => void = () => undefined;
  // Refuses at once (a stream pipeline would only settle once busboy had parsed the rest of
  // a part) and lets the rest of the body run off unparsed and unkept: cancelling it would
  // drop the connection with unread data, a reset that loses the refusal on its way to the
  // client; reading to the end lets the client see the answer (Node's request timeout bounds
  // a body that never ends).
  const fail = (err: unknown) => {
    if (failed) return;
    failed = true;
    source.unpipe(parser);
    parser.destroy();
    source.on("data", () => undefined);
    source.resume();
    rejectRequest(asApiError(err, limits));
  };

  const receiveFile = async (stream: Readable & { truncated?: boolean }, fileName: string): Promise<ReceivedFile> => {
    const partPath = path.join(tmpDir, `upload-${randomUUID()}.part`);
    written.push(partPath);
    const hash = createHash("sha256");
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done: TransformCallback) {
        size += chunk.length;
        total += chunk.length;
        sinceCheck += chunk.length;
        hash.update(chunk);
        if (total > limits.maxBytes) {
          fail(tooLarge(limits));
          return done(tooLarge(limits));
        }
        if (sinceCheck < DISK_CHECK_BYTES) return done(null, chunk);
        sinceCheck = 0;
        assertRoom(tmpDir, 0, limits).then(
          () => done(null, chunk),
          (err: unknown) => {
            fail(err);
            done(err as Error);
          },
        );
      },
    });
    stream.once("limit", () => fail(tooLarge(limits)));
    await pipeline(stream, meter, createWriteStream(partPath, { flags: "wx" }));
    if (stream.truncated) throw tooLarge(limits);
    return { fileName, partPath, size, sha256: hash.digest("hex") };
  };

  try {
    await new Promise<void>((resolve, reject) => {
      rejectRequest = reject;
      const onAbort = () => fail(apiError("bad_request", { reason: "the upload was aborted" }));
      if (request.signal.aborted) return onAbort();
      request.signal.addEventListener("abort", onAbort, { once: true });
      parser.on("file", (field, stream, info) => {
        if (field !== UPLOAD_FIELD) {
          stream.resume();
          return;
        }
        const file = receiveFile(stream, info.filename ?? "");
        file.catch(fail);
        files.push(file);
      });
      parser.on("filesLimit", () => fail(apiError("validation_failed", { issues: [{ path: UPLOAD_FIELD, code: "too_big", message: `at most ${MAX_UPLOAD_FILES} files per request` }] })));
      parser.on("partsLimit", () => fail(apiError("bad_request", { reason: "too many parts" })));
      parser.on("error", fail);
      source.on("error", fail);
      parser.on("close", () => {
        Promise.all(files).then(() => {
          request.signal.removeEventListener("abort", onAbort);
          if (!failed) resolve();
        }, fail);
      });
      source.pipe(parser);
    });
    const received = await Promise.all(files);
    if (received.length === 0) throw noFile();
    return received;
  } catch (err) {
    await Promise.allSettled(files);
    await Promise.all(written.map((part) => unlink(part).catch(() => undefined)));
    throw err;
  }
}
