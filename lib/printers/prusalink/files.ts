import { Readable } from "node:stream";
import type { DownloadTarget, RemoteFile } from "@/lib/printers/types";
import type { PrusaLinkApi, UploadOptions } from "./api";
import type { ResponseHeaders } from "./client";
import { failure, failureKeys } from "./failures";
import { joinPath, remotePath, storageName, type StoragePath } from "./paths";
import type { FileEntry, LegacyFileEntry } from "./schemas";

/**
 * Files on the printer: recursive listing, resumable download, streamed upload,
 * thumbnails. Every request goes through the api (and so through the one connection).
 */

export interface ListLimits {
  maxDepth: number;
  /** Folder requests per listing; a USB stick with hundreds of folders must not keep the board busy. */
  maxFolders: number;
}

const defaultLimits: ListLimits = { maxDepth: 8, maxFolders: 200 };

function isFolder(type: string | null | undefined): boolean {
  return (type ?? "").toUpperCase() === "FOLDER";
}

function fromTimestamp(seconds: number | null | undefined): Date | null {
  return seconds == null || seconds <= 0 ? null : new Date(seconds * 1000);
}

function toRemoteFile(p: StoragePath, entry: FileEntry): RemoteFile {
  return {
    path: remotePath(p),
    name: entry.display_name || entry.name,
    size: entry.size ?? null,
    modifiedAt: fromTimestamp(entry.m_timestamp),
  };
}

interface Walk {
  limits: ListLimits;
  foldersLeft: number;
  out: RemoteFile[];
}

export async function listRemoteFiles(api: PrusaLinkApi, limits: ListLimits = defaultLimits): Promise<RemoteFile[]> {
  if (api.generation === "legacy") return listLegacy(api);
  const storages = await api.storages();
  // No storage endpoint and no poll yet: find out whether this firmware has the v1 API at all.
  if (!storages && api.generation === "unknown" && (await api.snapshot()).generation === "legacy") return listLegacy(api);
  const names = storages
    ? storages.storage_list.filter((s) => s.available !== false).map((s) => storageName(s.path))
    : [api.defaultStorage];
  const walk: Walk = { limits, foldersLeft: limits.maxFolders, out: [] };
  for (const storage of names) await walkFolder(api, { storage, segments: [] }, 0, walk);
  return walk.out;
}

async function walkFolder(api: PrusaLinkApi, folder: StoragePath, depth: number, walk: Walk): Promise<void> {
  if (walk.foldersLeft <= 0) return;
  walk.foldersLeft -= 1;
  const entry = await api.entry(folder);
  if (entry) await visitChildren(api, folder, entry, depth, walk);
}

/** Buddy lists one level (child folders without children); a listing that nests them is used as is. */
async function visitChildren(api: PrusaLinkApi, folder: StoragePath, entry: FileEntry, depth: number, walk: Walk): Promise<void> {
  for (const child of entry.children ?? []) {
    const path = { storage: folder.storage, segments: [...folder.segments, child.name] };
    if (!isFolder(child.type)) walk.out.push(toRemoteFile(path, child));
    else if (child.children) await visitChildren(api, path, child, depth + 1, walk);
    else if (depth + 1 <= walk.limits.maxDepth) await walkFolder(api, path, depth + 1, walk);
  }
}

async function listLegacy(api: PrusaLinkApi): Promise<RemoteFile[]> {
  const listing = await api.legacyFiles();
  const out: RemoteFile[] = [];
  const visit = (entries: LegacyFileEntry[]) => {
    for (const e of entries) {
      if (isFolder(e.type)) visit(e.children ?? []);
      else out.push({ path: joinPath(e.path, ""), name: e.display || e.name, size: e.size ?? null, modifiedAt: fromTimestamp(e.date) });
    }
  };
  visit(listing.files);
  return out;
}

/** Where the file's bytes are served: `refs.download` from its metadata (Buddy: "/usb/X.BGC"). */
async function downloadSource(api: PrusaLinkApi, path: string): Promise<{ ref: string; size: number | null }> {
  if (api.generation === "legacy") return { ref: joinPath(path, ""), size: null };
  const entry = await api.entry(api.storagePath(path));
  if (!entry || isFolder(entry.type)) throw failure("permanent", "protocol", failureKeys.fileNotFound, path);
  const ref = entry.refs?.download;
  if (!ref) throw failure("permanent", "protocol", failureKeys.notDownloadable, path);
  return { ref: joinPath(ref, ""), size: entry.size ?? null };
}

function firstHeader(headers: ResponseHeaders, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** "bytes 100-199/200" → 100 */
function rangeStart(headers: ResponseHeaders): number | null {
  const match = /^bytes\s+(\d+)-\d+\/(\d+|\*)$/i.exec(firstHeader(headers, "content-range")?.trim() ?? "");
  return match ? Number(match[1]) : null;
}

/**
 * Resolves on "drain"; rejects if the target closes first or the caller aborts. Plain
 * listeners: this runs for every few chunks of a large file, and an AbortSignal.any()
 * per wait kept the garbage collector busy.
 */
function waitForDrain(stream: NodeJS.WritableStream, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      stream.removeListener("drain", onDrain);
      stream.removeListener("close", onClose);
      signal?.removeEventListener("abort", onAbort);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onClose = () => {
      cleanup();
      reject(new Error("download target closed before the download ended"));
    };
    const onAbort = () => {
      cleanup();
      reject(new Error("download aborted", { cause: signal?.reason }));
    };
    if (signal?.aborted) return onAbort();
    stream.once("drain", onDrain);
    stream.once("close", onClose);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Streams a file into `target.write`, honouring its backpressure; `target.write` is
 * not ended (the caller owns it). With `target.offset` > 0 it asks for
 * `Range: bytes=offset-`:
 * - 206: the printer resumed; bytes from `offset` on are written, `resumed: true`.
 * - 200: the printer ignored the range and sends the whole file, which is written
 *   from byte 0: `resumed: false`. `onProgress(0)` is reported before the first
 *   byte, so the caller learns of the restart before any data arrives and must drop
 *   the `offset` bytes it already had (truncate, or start a fresh file).
 * `bytes` is the position after the last byte written, i.e. the file size when done.
 */
export async function downloadFile(api: PrusaLinkApi, path: string, target: DownloadTarget): Promise<{ bytes: number; resumed: boolean }> {
  const { ref, size } = await downloadSource(api, path);
  if (size !== null) target.onSize?.(size);
  if (size !== null && target.offset > 0 && target.offset === size) return { bytes: size, resumed: true };
  // Local bytes beyond the printer's size cannot be from this file: start over.
  const offset = size !== null && target.offset > size ? 0 : target.offset;
  return api.download(ref, offset, target.signal, async (res) => {
    if (res.status === 404) throw failure("permanent", "protocol", failureKeys.fileNotFound, path);
    if (res.status === 416) throw failure("permanent", "protocol", failureKeys.badRange, `${path}: 416 at ${offset}`);
    let position = 0;
    if (res.status === 206) {
      const start = rangeStart(res.headers);
      if (start !== offset) throw failure("temporary", "protocol", failureKeys.badRange, `${path}: range starts at ${start}, asked ${offset}`);
      position = start;
    }
    target.onProgress?.(position);
    for await (const chunk of res.body) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      position += buf.length;
      if (!target.write.write(buf)) await waitForDrain(target.write, target.signal);
      target.onProgress?.(position);
    }
    return { bytes: position, resumed: res.status === 206 };
  });
}

/** Streams `source` to the printer (PUT); `size` becomes Content-Length. */
export async function uploadFile(
  api: PrusaLinkApi,
  path: string,
  source: NodeJS.ReadableStream,
  size: number,
  options: UploadOptions,
): Promise<void> {
  const readable = source instanceof Readable ? source : new Readable().wrap(source);
  await api.upload(path, readable, size, options);
}

/** The file's size from its details, for listings that leave it out; null when the printer does not say. */
export async function fetchFileSize(api: PrusaLinkApi, path: string): Promise<number | null> {
  if (api.generation === "legacy") return null;
  const entry = await api.entry(api.storagePath(path));
  return entry && !isFolder(entry.type) ? (entry.size ?? null) : null;
}

/** The large PNG preview embedded in a print file, or null. */
export function fetchThumbnail(api: PrusaLinkApi, path: string, size: "l" | "s" = "l"): Promise<Buffer | null> {
  return api.thumbnail(path, size);
}
