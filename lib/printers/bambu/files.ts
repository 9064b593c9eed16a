import { Readable, Writable } from "node:stream";
import { Client, FTPError, type FileInfo } from "basic-ftp";
import { z } from "zod";
import { logger } from "@/lib/log/logger";
import { PrinterFailure, type DownloadTarget, type RemoteFile } from "@/lib/printers/types";
import type { BambuConnection } from "./kind";
import { failureKeys, ftpFailure } from "./failures";
import { bambuTlsOptions } from "./tls";

/**
 * The printer's storage over implicit FTPS (vsFTPd, port 990). One FTP session at a
 * time per printer: operations queue behind each other and each opens and closes its
 * own session. vsFTPd requires TLS session reuse on data connections; basic-ftp
 * resumes the control connection's session, which is what makes this work.
 */

export interface FtpTimings {
  timeoutMs: number;
  /** A longer listing is refused with listingTooLarge rather than read (memory) or cut (files would look deleted). */
  maxListingEntries: number;
  maxListingBytes: number;
}

const listingLimit = (raw: string | undefined, fallback: number) => z.coerce.number().int().min(1).default(fallback).parse(raw);

/** PRINTERNIZER_FTP_LIST_MAX_ENTRIES (default 10,000 files) and _BYTES (default 4 MiB of LIST text per folder). */
export function ftpListingLimits(source: Record<string, string | undefined> = process.env): Pick<FtpTimings, "maxListingEntries" | "maxListingBytes"> {
  return {
    maxListingEntries: listingLimit(source.PRINTERNIZER_FTP_LIST_MAX_ENTRIES, 10_000),
    maxListingBytes: listingLimit(source.PRINTERNIZER_FTP_LIST_MAX_BYTES, 4 * 1024 * 1024),
  };
}

export const defaultFtpTimings: FtpTimings = { timeoutMs: 30_000, ...ftpListingLimits() };

const folders = ["/", "/cache", "/model", "/timelapse"] as const;
const printFile = /\.(gcode\.3mf|3mf|gcode)$/i;
const video = /\.(mp4|avi)$/i;

type Settings = Pick<BambuConnection, "host" | "ftpPort" | "serial" | "accessCode" | "tls" | "caCert">;

function remotePath(folder: string, name: string): string {
  return folder === "/" ? `/${name}` : `${folder}/${name}`;
}

function isListed(folder: string, entry: FileInfo): boolean {
  if (!entry.isFile) return false;
  return folder === "/timelapse" ? video.test(entry.name) : printFile.test(entry.name);
}

const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * vsFTPd lists "Mon DD HH:MM" for recent files and "Mon DD  YYYY" for older ones, in
 * UTC. The year of the short form is the one that does not put the file in the future.
 */
export function parseListDate(raw: string, now = new Date()): Date | null {
  const match = /^([A-Za-z]{3})\s+(\d{1,2})\s+(?:(\d{1,2}):(\d{2})|(\d{4}))$/.exec(raw.trim());
  if (!match) return null;
  const month = months.indexOf(match[1].toLowerCase());
  if (month < 0) return null;
  const day = Number(match[2]);
  if (match[5]) return new Date(Date.UTC(Number(match[5]), month, day));
  const hours = Number(match[3]);
  const minutes = Number(match[4]);
  const thisYear = new Date(Date.UTC(now.getUTCFullYear(), month, day, hours, minutes));
  const oneDay = 24 * 60 * 60 * 1000;
  return thisYear.getTime() > now.getTime() + oneDay
    ? new Date(Date.UTC(now.getUTCFullYear() - 1, month, day, hours, minutes))
    : thisYear;
}

function ftpCode(error: unknown): number | null {
  return error instanceof FTPError ? error.code : null;
}

/**
 * Passes the download on to the caller's stream without ending it (the caller owns it),
 * honouring its backpressure, and drops the first `skip` bytes (see download()).
 */
class ForwardingWritable extends Writable {
  written = 0;
  private skip: number;

  constructor(
    private readonly target: NodeJS.WritableStream,
    skip: number,
    private readonly onChunk: (written: number) => void,
  ) {
    super();
    this.skip = skip;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    let data = chunk;
    if (this.skip > 0) {
      const dropped = Math.min(this.skip, data.length);
      this.skip -= dropped;
      data = data.subarray(dropped);
    }
    if (data.length === 0) {
      callback();
      return;
    }
    this.written += data.length;
    this.onChunk(this.written);
    if (this.target.write(data)) callback();
    else this.target.once("drain", () => callback());
  }
}

export class BambuFiles {
  private readonly log;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly settings: Settings,
    private readonly timings: FtpTimings = defaultFtpTimings,
  ) {
    this.log = logger("bambu", { serial: settings.serial });
  }

  async list(): Promise<RemoteFile[]> {
    return this.session(async (client) => {
      const files: RemoteFile[] = [];
      for (const folder of folders) {
        let entries: FileInfo[];
        try {
          entries = await client.list(folder);
        } catch (error) {
          if (ftpCode(error) === 550) continue;
          // basic-ftp stops reading a listing at maxListingBytes with this plain Error.
          if (error instanceof Error && error.message.startsWith("StringWriter: Maximum bytes exceeded")) throw this.listingTooLarge({ bytes: this.timings.maxListingBytes });
          throw error;
        }
        for (const entry of entries.filter((candidate) => isListed(folder, candidate))) {
          files.push({
            path: remotePath(folder, entry.name),
            name: entry.name,
            size: Number.isFinite(entry.size) ? entry.size : null,
            modifiedAt: entry.modifiedAt ?? parseListDate(entry.rawModifiedAt),
          });
        }
        if (files.length > this.timings.maxListingEntries) throw this.listingTooLarge({ entries: files.length });
      }
      return files;
    });
  }

  private listingTooLarge(seen: { entries?: number; bytes?: number }): PrinterFailure {
    this.log.warn({ ...seen, maxEntries: this.timings.maxListingEntries, maxBytes: this.timings.maxListingBytes }, "printer file listing over the limit");
    return new PrinterFailure("permanent", "protocol", failureKeys.listingTooLarge);
  }

  /**
   * Streams `path` into target.write, starting at target.offset. Where the printer
   * refuses REST (A1 mini) the file is read again from the start and the first
   * `offset` bytes are dropped, so the target still receives exactly the missing part.
   * `resumed` is true only when the printer honoured REST. `bytes` is the file size
   * reached (offset included) and is checked against SIZE. The target stream is left
   * open for the caller.
   */
  async download(path: string, target: DownloadTarget): Promise<{ bytes: number; resumed: boolean }> {
    return this.session(async (client) => {
      const size = await client.size(path);
      if (target.offset > size) throw new PrinterFailure("permanent", "protocol", failureKeys.ftp);
      if (target.offset === size) return { bytes: size, resumed: target.offset > 0 };
      const progress = (written: number) => target.onProgress?.(target.offset + written);
      if (target.offset > 0) {
        const resumed = new ForwardingWritable(target.write, 0, progress);
        try {
          await this.pipeDownload(client, path, resumed, target, target.offset);
          return this.verified(target.offset + resumed.written, size, true);
        } catch (error) {
          const code = ftpCode(error);
          const restRefused = code !== null && code >= 500 && resumed.written === 0;
          if (!restRefused) throw error;
          this.log.debug({ code }, "ftp REST refused, restarting download from the beginning");
        }
      }
      const fresh = new ForwardingWritable(target.write, target.offset, progress);
      await this.pipeDownload(client, path, fresh, target, 0);
      return this.verified(target.offset + fresh.written, size, false);
    }, target.signal);
  }

  /** STOR, then SIZE: vsFTPd on the printer sometimes answers 426 after a complete upload. */
  async upload(path: string, source: NodeJS.ReadableStream, size: number): Promise<void> {
    return this.session(async (client) => {
      const readable = source instanceof Readable ? source : new Readable().wrap(source);
      try {
        await client.uploadFrom(readable, path);
      } catch (error) {
        if (ftpCode(error) !== 426) throw error;
        this.log.debug("ftp 426 after upload, checking size");
      }
      const checker = client.closed ? await this.open() : client;
      try {
        const remoteSize = await checker.size(path);
        if (remoteSize !== size) throw new PrinterFailure("temporary", "protocol", failureKeys.uploadIncomplete);
      } finally {
        if (checker !== client) checker.close();
      }
    });
  }

  /** DELE; a file already gone (550) counts as removed, as PrusaLink's 404 does. */
  async remove(path: string): Promise<void> {
    return this.session(async (client) => {
      try {
        await client.remove(path);
      } catch (error) {
        if (ftpCode(error) !== 550) throw error;
        this.log.debug({ path }, "ftp DELE 550, file already gone");
      }
    });
  }

  private verified(bytes: number, size: number, resumed: boolean): { bytes: number; resumed: boolean } {
    if (bytes !== size) throw new PrinterFailure("temporary", "protocol", failureKeys.ftp);
    return { bytes, resumed };
  }

  private async pipeDownload(client: Client, path: string, sink: ForwardingWritable, target: DownloadTarget, startAt: number): Promise<void> {
    const onTargetError = (error: Error) => sink.destroy(error);
    target.write.on("error", onTargetError);
    try {
      await client.downloadTo(sink, path, startAt);
    } finally {
      target.write.removeListener("error", onTargetError);
    }
    if (target.signal?.aborted) throw new PrinterFailure("temporary", "protocol", failureKeys.aborted);
  }

  private async open(): Promise<Client> {
    const client = new Client(this.timings.timeoutMs, { allowSeparateTransferHost: false, maxListingBytes: this.timings.maxListingBytes });
    try {
      await client.access({
        host: this.settings.host,
        port: this.settings.ftpPort,
        user: "bblp",
        password: this.settings.accessCode,
        secure: "implicit",
        secureOptions: bambuTlsOptions(this.settings),
      });
      return client;
    } catch (error) {
      client.close();
      throw error;
    }
  }

  /** Runs `work` in its own FTP session once every earlier operation has finished. */
  private session<T>(work: (client: Client) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const run = async (): Promise<T> => {
      let client: Client | null = null;
      const abort = () => client?.close();
      signal?.addEventListener("abort", abort, { once: true });
      try {
        if (signal?.aborted) throw new PrinterFailure("temporary", "protocol", failureKeys.aborted);
        client = await this.open();
        return await work(client);
      } catch (error) {
        if (signal?.aborted) throw new PrinterFailure("temporary", "protocol", failureKeys.aborted, { cause: error });
        throw ftpFailure(error);
      } finally {
        signal?.removeEventListener("abort", abort);
        client?.close();
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
