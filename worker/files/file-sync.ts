import { db } from "@/lib/db";
import { appendEvent } from "@/lib/events/append";
import { fileEventSchemas } from "@/lib/files/events";
import { logger } from "@/lib/log/logger";
import { CommandRefused } from "@/worker/printers/session";
import type { WorkerService } from "@/worker/services";
import type { PrinterAccess } from "./printer-access";
import { fetchMissingSizes } from "./remote-sizes";
import { fetchMissingThumbnails } from "./remote-thumbnails";
import { applyListing, type SyncCounts } from "./sync-listing";

const log = logger("files");

export interface FileSyncOptions {
  /** Files root, for thumbnails fetched from printers that serve them. */
  root?: string;
  /** Each printer's storage is listed this often. */
  syncMs: number;
  /** How often the loop looks for due printers and finished jobs. */
  tickMs?: number;
  /** Called after a listing queued downloads (the queue then starts them without waiting). */
  queued?: () => void;
}

/**
 * Lists every connected printer's storage periodically, right after one of its prints
 * ends (new jobs rows with endedAt since the last look, so it works the same after a
 * restart) and on demand (files.sync command). Listings run one at a time per printer.
 */
const ENDED_LOOKBACK_MS = 30_000;

export class FileSync implements WorkerService {
  readonly name = "file-sync";
  private readonly lastSync = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<SyncCounts>>();
  private jobsCheckedAt = new Date();
  /** Ended jobs already acted on inside the look-back window, by id → endedAt. */
  private readonly seenEnded = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private tickPromise: Promise<void> | null = null;
  private running = false;

  constructor(
    private readonly printers: PrinterAccess,
    private readonly opts: FileSyncOptions,
  ) {}

  start(): void {
    this.running = true;
    this.jobsCheckedAt = new Date();
    this.schedule(this.opts.tickMs ?? 5_000);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.tickPromise;
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Lists one printer now; joins a listing already running for it. */
  sync(printerId: string): Promise<SyncCounts> {
    const running = this.inFlight.get(printerId);
    if (running) return running;
    const run = this.list(printerId).finally(() => this.inFlight.delete(printerId));
    this.inFlight.set(printerId, run);
    return run;
  }

  private async list(printerId: string): Promise<SyncCounts> {
    const driver = this.printers.driver(printerId);
    if (!driver) throw new CommandRefused("command.notConnected");
    const files = await driver.listFiles();
    const counts = await applyListing(printerId, files);
    this.lastSync.set(printerId, Date.now());
    // Before the event, so the list that reloads on it shows the sizes too.
    const sized = await fetchMissingSizes(driver, printerId).catch((err: unknown) => {
      log.debug({ printerId, err }, "sizes not fetched");
      return 0;
    });
    if (counts.added + counts.changed + counts.gone + sized > 0) {
      await appendEvent(fileEventSchemas, "files.synced", { added: counts.added, changed: counts.changed, gone: counts.gone }, printerId);
      log.info({ printerId, ...counts }, "printer files listed");
    }
    if (counts.requeued > 0) this.opts.queued?.();
    if (this.opts.root) {
      const root = this.opts.root;
      await fetchMissingThumbnails(driver, printerId, root).catch((err: unknown) => log.debug({ printerId, err }, "thumbnails not fetched"));
    }
    return counts;
  }

  private schedule(delay: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.tickPromise = this.tick()
        .catch((err: unknown) => log.warn({ err }, "file sync pass failed"))
        .finally(() => {
          this.tickPromise = null;
          this.schedule(this.opts.tickMs ?? 5_000);
        });
    }, delay);
  }

  private async tick(): Promise<void> {
    // endedAt is stamped before its row commits, so a job can become visible with an
    // endedAt older than the previous look: look back a while and skip what was seen.
    const since = new Date(this.jobsCheckedAt.getTime() - ENDED_LOOKBACK_MS);
    this.jobsCheckedAt = new Date();
    const ended = await db.job.findMany({ where: { endedAt: { gte: since } }, select: { id: true, printerId: true, endedAt: true } });
    for (const [id, endedAt] of this.seenEnded) if (endedAt < since.getTime()) this.seenEnded.delete(id);
    const justFinished = new Set<string>();
    for (const job of ended) {
      if (this.seenEnded.has(job.id)) continue;
      this.seenEnded.set(job.id, job.endedAt?.getTime() ?? 0);
      justFinished.add(job.printerId);
    }
    const now = Date.now();
    for (const printerId of await this.printers.printerIds()) {
      if (!this.running) return;
      if (!this.printers.driver(printerId)) continue;
      const due = now - (this.lastSync.get(printerId) ?? 0) >= this.opts.syncMs;
      if (!due && !justFinished.has(printerId)) continue;
      await this.sync(printerId).catch((err: unknown) => {
        // Mark it listed anyway: an unreachable printer is retried at the next interval, not every tick.
        this.lastSync.set(printerId, now);
        log.debug({ printerId, err: err instanceof Error ? err.message : String(err) }, "printer files not listed");
      });
    }
  }
}
