import { rm } from "node:fs/promises";
import { db } from "@/lib/db";
import { appendEvent } from "@/lib/events/append";
import { fileEventSchemas } from "@/lib/files/events";
import { toBytes, toBytesOrNull } from "@/lib/files/bytes";
import type { DownloadStatus } from "@/lib/files/events";
import { sanitizeFileName } from "@/lib/files/names";
import { partKey, partPath, placeFile, targetRelativePath } from "@/lib/files/storage";
import { berlinDay } from "@/lib/format/date";
import { logger } from "@/lib/log/logger";
import type { WorkerService } from "@/worker/services";
import { DownloadError } from "./download-errors";
import { FairScheduler } from "./fair-scheduler";
import { recordLocalFile } from "@/lib/files/local-record";
import type { PrinterAccess } from "./printer-access";
import { ProgressMeter } from "./progress-meter";
import { transferFile } from "./transfer";

const log = logger("downloads");

export interface DownloadQueueOptions {
  root: string;
  maxDownloads: number;
  perPrinter: number;
  /** How often the queue table is read for new rows and cancels. */
  pollMs?: number;
  /** Progress events per download at most this often. */
  progressEventMs?: number;
}

interface Active {
  printerId: string;
  abort: AbortController;
  done: Promise<void>;
}

/**
 * The download queue: rows in the Download table, so it survives restarts (rows left
 * "downloading" by a stopped worker go back to "queued" and resume from their `.part`).
 * A FairScheduler decides what starts; each download streams through transferFile, is
 * verified, moved into place and recorded as a LocalFile.
 */
export class DownloadQueue implements WorkerService {
  readonly name = "downloads";
  private readonly active = new Map<string, Active>();
  private readonly scheduler: FairScheduler;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private tickPromise: Promise<void> | null = null;
  private kicked = false;

  constructor(
    private readonly printers: PrinterAccess,
    private readonly opts: DownloadQueueOptions,
  ) {
    this.scheduler = new FairScheduler({ total: opts.maxDownloads, perPrinter: opts.perPrinter });
  }

  async start(): Promise<void> {
    this.running = true;
    const resumed = await db.download.updateMany({ where: { status: "downloading" }, data: { status: "queued", speed: null } });
    if (resumed.count > 0) log.info({ downloads: resumed.count }, "resuming downloads left by the last run");
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.tickPromise;
    for (const a of this.active.values()) a.abort.abort("shutdown");
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }

  /** Reads the queue now instead of at the next poll (after a new row or a cancel). */
  kick(): void {
    if (!this.running) return;
    // Two passes at once would each count the running downloads before the other's
    // launches and start more than the limits allow: a running pass is followed at once.
    if (this.tickPromise) {
      this.kicked = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  /** Aborts a running download or cancels a queued one. */
  async cancel(downloadId: string): Promise<boolean> {
    const running = this.active.get(downloadId);
    if (running) {
      running.abort.abort("cancelled");
      await running.done;
      return true;
    }
    const { count } = await db.download.updateMany({
      where: { id: downloadId, status: "queued" },
      data: { status: "cancelled", finishedAt: new Date(), error: "cancelled" },
    });
    return count > 0;
  }

  /** Waits until nothing is running (tests). */
  async idle(): Promise<void> {
    await this.tickPromise;
    await Promise.allSettled([...this.active.values()].map((a) => a.done));
  }

  activeCount(): number {
    return this.active.size;
  }

  private schedule(delay: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.tickPromise = this.tick()
        .catch((err: unknown) => log.warn({ err }, "download queue pass failed"))
        .finally(() => {
          this.tickPromise = null;
          this.schedule(this.kicked ? 0 : (this.opts.pollMs ?? 1_000));
          this.kicked = false;
        });
    }, delay);
  }

  private async tick(): Promise<void> {
    await this.abortCancelled();
    const online = new Set((await this.printers.printerIds()).filter((id) => this.printers.driver(id)));
    if (online.size === 0) return;
    const queued = await db.download.findMany({
      where: { status: "queued", printerId: { in: [...online] } },
      orderBy: { queuedAt: "asc" },
      select: { id: true, printerId: true },
      take: 500,
    });
    const running = new Map<string, number>();
    for (const a of this.active.values()) running.set(a.printerId, (running.get(a.printerId) ?? 0) + 1);
    for (const next of this.scheduler.pick(queued, running)) {
      if (!this.running) return;
      await this.launch(next.id, next.printerId);
    }
  }

  /** Cancels written to the table by the web (the files.cancel command is the fast path). */
  private async abortCancelled(): Promise<void> {
    if (this.active.size === 0) return;
    const cancelled = await db.download.findMany({
      where: { id: { in: [...this.active.keys()] }, status: "cancelled" },
      select: { id: true },
    });
    for (const { id } of cancelled) this.active.get(id)?.abort.abort("cancelled");
  }

  private async launch(downloadId: string, printerId: string): Promise<void> {
    const claimed = await db.download.updateMany({
      where: { id: downloadId, status: "queued" },
      data: { status: "downloading", startedAt: new Date(), attempts: { increment: 1 }, error: null, speed: null },
    });
    if (claimed.count === 0) return;
    const abort = new AbortController();
    const entry: Active = { printerId, abort, done: Promise.resolve() };
    entry.done = this.run(downloadId, printerId, abort.signal)
      .catch((err: unknown) => log.error({ err, downloadId }, "download bookkeeping failed"))
      .finally(() => {
        this.active.delete(downloadId);
        this.kick();
      });
    this.active.set(downloadId, entry);
  }

  private async run(downloadId: string, printerId: string, signal: AbortSignal): Promise<void> {
    const row = await db.download.findUniqueOrThrow({ where: { id: downloadId }, include: { printerFile: true } });
    const file = row.printerFile;
    const printer = await db.printer.findUnique({ where: { id: printerId }, select: { name: true } });
    const driver = this.printers.driver(printerId);
    const listedSize = toBytesOrNull(file.size);
    // The listing's size, or the one the printer states when the download starts.
    let total = listedSize;
    const part = partPath(this.opts.root, partKey(file.id, listedSize, file.modifiedAt));
    const fail = (error: DownloadError) => this.finish(downloadId, file.id, "failed", toBytes(row.bytes), toBytesOrNull(row.total), error.code);
    if (!driver || !printer) return fail(new DownloadError("printer_offline", true));
    if (file.goneAt) return fail(new DownloadError("file_gone", false));

    await db.download.update({ where: { id: downloadId }, data: { total } });
    // Announced at once, so the UI shows the start even of a file done before the first progress reading.
    await appendEvent(fileEventSchemas, "file.download", { downloadId, printerFileId: file.id, status: "downloading", bytes: toBytes(row.bytes), total, speed: null, error: null });
    const meter = new ProgressMeter(this.opts.progressEventMs ?? 500, toBytes(row.bytes));
    let lastWrite = 0;
    // Progress writes run in order and are finished before the final state is written.
    let progressChain: Promise<void> = Promise.resolve();
    const dlog = log.child({ downloadId, printerId, path: file.path });
    dlog.info({ total, attempt: row.attempts + 1 }, "download started");
    try {
      const result = await transferFile({
        driver,
        remotePath: file.path,
        part,
        expectedSize: listedSize,
        partIsCurrent: true,
        signal,
        onSize: (size) => {
          if (total !== null) return;
          total = size;
          progressChain = progressChain
            .then(() => db.download.updateMany({ where: { id: downloadId, status: "downloading" }, data: { total: size } }))
            .then(() => undefined)
            .catch((err: unknown) => dlog.debug({ err }, "size not recorded"));
        },
        onProgress: (bytes) => {
          const reading = meter.sample(bytes);
          if (!reading) return;
          const persist = Date.now() - lastWrite >= 1_000;
          if (persist) lastWrite = Date.now();
          progressChain = progressChain
            .then(() => this.progress(downloadId, file.id, reading.bytes, total, reading.speed, persist))
            .catch((err: unknown) => dlog.debug({ err }, "progress not recorded"));
        },
      });
      await progressChain;
      const relative = await placeFile(
        this.opts.root,
        part,
        targetRelativePath(printer.name, berlinDay(new Date()), sanitizeFileName(file.name || file.path)),
      );
      // The verified copy tells the size a listing left out; the local copy is recorded against it.
      if (listedSize === null) await db.printerFile.updateMany({ where: { id: file.id, size: null }, data: { size: result.size } });
      const localFileId = await recordLocalFile(this.opts.root, {
        relativePath: relative,
        name: relative.split("/").at(-1) ?? relative,
        size: result.size,
        sha256: result.sha256,
        printerFileId: file.id,
        sourceSize: result.size,
        sourceModifiedAt: file.modifiedAt,
      });
      await db.download.update({ where: { id: downloadId }, data: { localFileId } });
      await this.finish(downloadId, file.id, "done", result.size, result.size, null, meter.speed);
      dlog.info({ bytes: result.size, resumedFrom: result.resumedFrom, file: relative }, "download finished");
    } catch (err) {
      await progressChain;
      const error = err instanceof DownloadError ? err : new DownloadError("storage_failed", false, { cause: err });
      if (!(err instanceof DownloadError)) await rm(part, { force: true });
      const cause: unknown = error.cause;
      dlog.warn({ code: error.code, err: cause instanceof Error ? cause.message : undefined }, "download stopped");
      if (error.code === "interrupted") {
        await db.download.update({ where: { id: downloadId }, data: { status: "queued", speed: null } });
        return;
      }
      const bytes = error.keepPart ? meter.lastBytes() : 0;
      await this.finish(downloadId, file.id, error.code === "cancelled" ? "cancelled" : "failed", bytes, total, error.code);
    }
  }

  private async progress(downloadId: string, printerFileId: string, bytes: number, total: number | null, speed: number | null, persist: boolean): Promise<void> {
    if (persist) await db.download.updateMany({ where: { id: downloadId, status: "downloading" }, data: { bytes, speed } });
    await appendEvent(fileEventSchemas, "file.download", { downloadId, printerFileId, status: "downloading", bytes, total, speed, error: null });
  }

  private async finish(
    downloadId: string,
    printerFileId: string,
    status: DownloadStatus,
    bytes: number,
    total: number | null,
    error: string | null,
    speed: number | null = null,
  ): Promise<void> {
    await db.download.update({ where: { id: downloadId }, data: { status, bytes, total, error, speed, finishedAt: new Date() } });
    await appendEvent(fileEventSchemas, "file.download", { downloadId, printerFileId, status, bytes, total, speed, error });
  }
}
