import type { Readable } from "node:stream";
import type { z } from "zod";
import type { PrusaLinkTransport, ResponseHeaders, StreamResponse } from "./client";
import { failure, failureKeys, invalidPayload } from "./failures";
import { encodePath, filesEndpoint, storageName, toStoragePath, type StoragePath } from "./paths";
import {
  cameraListSchema,
  fileEntrySchema,
  infoSchema,
  jobSchema,
  legacyFilesSchema,
  legacyJobSchema,
  legacyPrinterSchema,
  statusSchema,
  storageListSchema,
  versionSchema,
  type CameraList,
  type FileEntry,
  type Info,
  type Job,
  type LegacyFiles,
  type LegacyJob,
  type LegacyPrinter,
  type Status,
  type StorageList,
  type Version,
} from "./schemas";

/**
 * Typed calls to one printer. The v1 API is preferred; firmware that answers 404 on
 * /api/v1/status is served through the legacy OctoPrint-style endpoints instead.
 */

export type ApiGeneration = "unknown" | "v1" | "legacy";

export type Snapshot =
  | { generation: "v1"; status: Status; raw: unknown }
  | { generation: "legacy"; printer: LegacyPrinter; job: LegacyJob | null; raw: { printer: unknown; job: unknown } };

export type JobAction = "pause" | "resume" | "stop";

export interface UploadOptions {
  printAfterUpload: boolean;
  overwrite: boolean;
}

function parseJson<S extends z.ZodType>(body: Buffer, schema: S, what: string): { data: z.infer<S>; raw: unknown } {
  let raw: unknown;
  try {
    raw = JSON.parse(body.toString("utf8"));
  } catch (err) {
    throw invalidPayload(what, err);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidPayload(what, parsed.error);
  return { data: parsed.data, raw };
}

function header(headers: ResponseHeaders, name: string): string | null {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** RFC 8941 booleans, as PrusaLink wants them in Print-After-Upload and Overwrite. */
function sfBoolean(value: boolean): string {
  return value ? "?1" : "?0";
}

export class PrusaLinkApi {
  private gen: ApiGeneration = "unknown";
  private readonly etags = new Map<string, { etag: string; entry: FileEntry }>();
  /** Where bare file names go; learned from /api/v1/status. */
  defaultStorage = "usb";

  constructor(readonly transport: PrusaLinkTransport) {}

  get generation(): ApiGeneration {
    return this.gen;
  }

  private async getJson<S extends z.ZodType>(path: string, schema: S, what: string): Promise<{ data: z.infer<S>; raw: unknown }> {
    const res = await this.transport.send({ method: "GET", path, expect: [200] });
    return parseJson(res.body, schema, what);
  }

  async version(): Promise<Version> {
    return (await this.getJson("/api/version", versionSchema, "version")).data;
  }

  /** Printer info, or null where the firmware has no v1 API. */
  async info(): Promise<Info | null> {
    if (this.gen === "legacy") return null;
    const res = await this.transport.send({ method: "GET", path: "/api/v1/info", expect: [200, 404] });
    if (res.status === 404) return null;
    return parseJson(res.body, infoSchema, "info").data;
  }

  async snapshot(): Promise<Snapshot> {
    if (this.gen !== "legacy") {
      const res = await this.transport.send({ method: "GET", path: "/api/v1/status", expect: [200, 404] });
      if (res.status === 200) {
        const { data, raw } = parseJson(res.body, statusSchema, "status");
        this.gen = "v1";
        this.learnStorage(data);
        return { generation: "v1", status: data, raw };
      }
      if (this.gen === "v1") throw failure("temporary", "protocol", failureKeys.notPrusaLink, "v1 status vanished (404)");
      this.gen = "legacy";
    }
    const printer = await this.getJson("/api/printer", legacyPrinterSchema, "legacy printer");
    const jobRes = await this.transport.send({ method: "GET", path: "/api/job", expect: [200, 204, 409] });
    const job = jobRes.status === 200 ? parseJson(jobRes.body, legacyJobSchema, "legacy job") : null;
    return {
      generation: "legacy",
      printer: printer.data,
      job: job?.data ?? null,
      raw: { printer: printer.raw, job: job?.raw ?? null },
    };
  }

  private learnStorage(status: Status): void {
    const storage = status.storage;
    if (!storage) return;
    const list = Array.isArray(storage) ? storage : [storage];
    const writable = list.find((s) => !s.read_only) ?? list[0];
    if (writable) this.defaultStorage = storageName(writable.path);
  }

  /** The current job, or null when there is none (204). */
  async job(): Promise<{ job: Job; raw: unknown } | null> {
    const res = await this.transport.send({ method: "GET", path: "/api/v1/job", expect: [200, 204] });
    if (res.status === 204 || res.body.length === 0) return null;
    const { data, raw } = parseJson(res.body, jobSchema, "job");
    return { job: data, raw };
  }

  async jobCommand(action: JobAction, jobId: number | null): Promise<void> {
    if (this.gen === "legacy") return this.legacyJobCommand(action);
    if (jobId === null) throw failure("permanent", "protocol", failureKeys.noActiveJob);
    const path =
      action === "stop" ? `/api/v1/job/${jobId}` : `/api/v1/job/${jobId}/${action === "pause" ? "pause" : "resume"}`;
    const res = await this.transport.send({
      method: action === "stop" ? "DELETE" : "PUT",
      path,
      expect: [200, 204, 404, 409],
    });
    if (res.status === 409) throw failure("permanent", "protocol", failureKeys.jobWrongState, `${action} job ${jobId}: 409`);
    if (res.status === 404) throw failure("permanent", "protocol", failureKeys.jobNotFound, `${action} job ${jobId}: 404`);
  }

  private async legacyJobCommand(action: JobAction): Promise<void> {
    const command =
      action === "stop" ? { command: "cancel" } : { command: "pause", action: action === "pause" ? "pause" : "resume" };
    const res = await this.transport.send({
      method: "POST",
      path: "/api/job",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(command),
      expect: [200, 204, 409],
    });
    if (res.status === 409) throw failure("permanent", "protocol", failureKeys.jobWrongState, `legacy ${action}: 409`);
  }

  /** Storages, or null where /api/v1/storage does not exist. */
  async storages(): Promise<StorageList | null> {
    const res = await this.transport.send({ method: "GET", path: "/api/v1/storage", expect: [200, 404] });
    if (res.status === 404) return null;
    return parseJson(res.body, storageListSchema, "storage").data;
  }

  /**
   * A folder listing or one file's metadata; null when it does not exist. Listings are
   * cached by ETag so an unchanged folder costs the printer a 304 only.
   */
  async entry(p: StoragePath): Promise<FileEntry | null> {
    const path = filesEndpoint(p);
    const cached = this.etags.get(path);
    const res = await this.transport.send({
      method: "GET",
      path,
      headers: cached ? { "if-none-match": cached.etag } : {},
      expect: cached ? [200, 304, 404] : [200, 404],
    });
    if (res.status === 404) {
      this.etags.delete(path);
      return null;
    }
    if (res.status === 304 && cached) return cached.entry;
    const { data } = parseJson(res.body, fileEntrySchema, "file entry");
    const etag = header(res.headers, "etag");
    if (etag) this.etags.set(path, { etag, entry: data });
    return data;
  }

  async legacyFiles(): Promise<LegacyFiles> {
    return (await this.getJson("/api/files?recursive=true", legacyFilesSchema, "legacy files")).data;
  }

  storagePath(path: string): StoragePath {
    return toStoragePath(path, this.defaultStorage);
  }

  async startPrint(path: string): Promise<void> {
    const p = this.storagePath(path);
    const res =
      this.gen === "legacy"
        ? await this.transport.send({
            method: "POST",
            path: encodePath(`/api/files/${p.storage}/${p.segments.join("/")}`),
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ command: "select", print: true }),
            expect: [200, 204, 404, 409],
          })
        : await this.transport.send({ method: "POST", path: filesEndpoint(p), expect: [200, 201, 204, 404, 409] });
    if (res.status === 409) throw failure("permanent", "protocol", failureKeys.printerBusy, `start ${path}: 409`);
    if (res.status === 404) throw failure("permanent", "protocol", failureKeys.fileNotFound, `start ${path}: 404`);
  }

  async upload(path: string, source: Readable, size: number, options: UploadOptions): Promise<void> {
    const p = this.storagePath(path);
    const status = await this.transport.stream(
      {
        method: "PUT",
        path: filesEndpoint(p),
        headers: {
          "content-type": "application/octet-stream",
          "content-length": String(size),
          "print-after-upload": sfBoolean(options.printAfterUpload),
          overwrite: sfBoolean(options.overwrite),
        },
        body: source,
        expect: [200, 201, 204, 404, 409],
      },
      async (res) => res.status,
    );
    if (status === 409) throw failure("permanent", "protocol", failureKeys.fileConflict, `upload ${path}: 409`);
    if (status === 404) throw failure("permanent", "protocol", failureKeys.fileNotFound, `upload ${path}: 404`);
    this.etags.clear();
  }

  async deleteFile(path: string): Promise<void> {
    const res = await this.transport.send({ method: "DELETE", path: filesEndpoint(this.storagePath(path)), expect: [200, 204, 404, 409] });
    if (res.status === 409) throw failure("permanent", "protocol", failureKeys.fileBusy, `delete ${path}: 409`);
    this.etags.clear();
  }

  /** Streams a file's bytes from its download ref, from `offset` when it is above 0. */
  download<T>(ref: string, offset: number, signal: AbortSignal | undefined, consume: (res: StreamResponse) => Promise<T>): Promise<T> {
    return this.transport.stream(
      {
        method: "GET",
        path: encodePath(ref),
        headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
        expect: [200, 206, 404, 416],
        signal,
      },
      consume,
    );
  }

  /** The PNG thumbnail ("l" large, "s" small), or null when the file has none. */
  async thumbnail(path: string, size: "l" | "s"): Promise<Buffer | null> {
    const p = this.storagePath(path);
    const res = await this.transport.send({
      method: "GET",
      path: encodePath(`/thumb/${size}/${p.storage}/${p.segments.join("/")}`),
      headers: { accept: "image/png" },
      expect: [200, 204, 404],
    });
    return res.status === 200 && res.body.length > 0 ? res.body : null;
  }

  /** Cameras attached to PrusaLink (the Pi has the endpoint, Buddy does not: null). */
  async cameras(): Promise<CameraList | null> {
    if (this.gen === "legacy") return null;
    const res = await this.transport.send({ method: "GET", path: "/api/v1/cameras", expect: [200, 204, 404] });
    if (res.status !== 200) return null;
    return parseJson(res.body, cameraListSchema, "cameras").data;
  }

  async cameraSnapshot(): Promise<Buffer | null> {
    const res = await this.transport.send({
      method: "GET",
      path: "/api/v1/cameras/snap",
      headers: { accept: "image/*" },
      expect: [200, 204, 404, 503],
    });
    return res.status === 200 && res.body.length > 0 ? res.body : null;
  }
}
