import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { logger } from "@/lib/log/logger";
import { bedBlocksStart, bedColumns } from "@/lib/printers/bed";
import { descriptorOf } from "@/lib/printers/registry";
import { candidatesOf, loadQueuePrinters, readyForDispatch, waitingForBed, type QueuePrinter } from "@/lib/queue/printers";
import { notifyQueue, queuePaused, skippedOf, targetOf, mappingOf, type QueueItem } from "@/lib/queue/repository";
import { resolveQueueSource, type QueueSource } from "@/lib/queue/source";
import { PrinterFailure } from "@/lib/printers/types";
import type { PrinterAccess } from "@/worker/files/printer-access";
import { CommandRefused } from "@/worker/printers/session";
import { uploadToPrinter } from "@/worker/files/upload";
import type { WorkerService } from "@/worker/services";

const log = logger("queue");

/**
 * The print queue's dispatch, run by the worker holding the lease. Each tick walks the
 * open queue in order and sends each waiting item to a printer that fits, is free and
 * has its bed confirmed clear. A dispatch is recorded before any byte is sent
 * (`dispatchStage`: recorded → uploaded → start_sent), so a worker taking over knows
 * where a dead one stopped: before the start was sent the item goes back to the queue;
 * after it, the printer's report decides (the job tracker links the job it reports, or
 * the item goes back once the printer has stayed free too long). A claim is a
 * conditional update, so two workers can never both take one item: one start per copy.
 */

export interface DispatcherHooks {
  /** A printer an item waits for holds the last print's part. */
  bedWaiting(printerId: string): Promise<void>;
  /** An item ended failed (no printer left to try). */
  itemFailed(itemId: string): Promise<void>;
}

export interface DispatcherOptions {
  root: string;
  tickMs: number;
  /** How long a sent start may take to show as a job before the item goes back to the queue. */
  startTimeoutMs: number;
  hooks: DispatcherHooks;
}

const waitingStatuses = ["queued", "waiting_for_bed"];
const busyStatuses = ["dispatching", "printing"];

/** A message key of a refusal or failure (printerErrors), or a generic one. */
function failureKey(err: unknown): string {
  const message = err instanceof Error ? err.message : "";
  return /^[a-zA-Z]+(\.[a-zA-Z0-9_]+)+$/.test(message) ? message : "command.failed";
}

export class QueueDispatcher implements WorkerService {
  readonly name = "queue";
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private ticking: Promise<void> | null = null;
  /** Dispatches this process is carrying out (item ids). */
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly printers: PrinterAccess,
    private readonly opts: DispatcherOptions,
  ) {}

  async start(): Promise<void> {
    this.running = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    await Promise.allSettled(this.inFlight.values());
  }

  /** Runs a tick now (tests; a cleared bed). */
  kick(): void {
    if (this.running && !this.ticking) this.schedule(0);
  }

  private schedule(delay: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => {
        this.ticking = null;
        this.schedule(this.opts.tickMs);
      });
    }, delay);
  }

  private async tick(): Promise<void> {
    try {
      await this.settleDispatches();
      if (!(await queuePaused())) await this.dispatchWaiting();
    } catch (err) {
      log.error({ err }, "queue tick failed");
    }
  }

  /**
   * Dispatches not carried by this process: begun by a worker that died (or by this one
   * before a restart), and sent starts the printer never turned into a job.
   */
  private async settleDispatches(): Promise<void> {
    const open = await db.queueItem.findMany({ where: { status: "dispatching" } });
    const printers = await loadQueuePrinters();
    for (const item of open) {
      if (this.inFlight.has(item.id)) continue;
      const printer = printers.find((p) => p.id === item.assignedPrinterId);
      if (item.dispatchStage !== "start_sent") {
        await this.putBack(item, { code: "dispatch_interrupted", printerId: item.assignedPrinterId }, false);
        continue;
      }
      const job = await db.job.findFirst({ where: { queueItemId: item.id }, select: { id: true } });
      if (job) continue;
      const sentAt = item.dispatchedAt?.getTime() ?? 0;
      const stillFree = !printer || readyOrIdle(printer);
      if (stillFree && Date.now() - sentAt > this.opts.startTimeoutMs) {
        await this.putBack(item, { code: "not_started", printerId: item.assignedPrinterId }, true);
      }
    }
  }

  private async dispatchWaiting(): Promise<void> {
    const items = await db.queueItem.findMany({ where: { status: { in: waitingStatuses } }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] });
    if (items.length === 0) return;
    const printers = await loadQueuePrinters();
    const busy = new Set(
      (await db.queueItem.findMany({ where: { status: { in: busyStatuses } }, select: { assignedPrinterId: true } })).flatMap((i) => (i.assignedPrinterId ? [i.assignedPrinterId] : [])),
    );
    const connected = new Set(await this.printers.printerIds());
    const bedWaits = new Set<string>();
    const sources = new Map<string, QueueSource | null>();
    for (const item of items) {
      if (!sources.has(item.fileId)) sources.set(item.fileId, await resolveQueueSource(item.fileId));
      const source = sources.get(item.fileId);
      if (!source) {
        await this.fail(item, { code: "file_missing", printerId: null });
        continue;
      }
      const { fit, printers: candidates } = candidatesOf(targetOf(item), source, printers);
      const free = candidates.filter((p) => !busy.has(p.id) && connected.has(p.id));
      const ready = free.find((p) => readyForDispatch(p) && this.printers.canStart(p.id));
      if (ready) {
        busy.add(ready.id);
        await this.claim(item, ready, source);
        continue;
      }
      const beds = free.filter(waitingForBed);
      for (const p of beds) bedWaits.add(p.id);
      const next = beds.length > 0 ? "waiting_for_bed" : "queued";
      if (fit.ok && candidates.length === 0 && skippedOf(item).length > 0) {
        await this.fail(item, { code: item.failureCode ?? "no_fit", printerId: null });
        continue;
      }
      if (item.status !== next) {
        const { count } = await db.queueItem.updateMany({ where: { id: item.id, status: item.status }, data: { status: next } });
        if (count > 0) await notifyQueue([item.id], { status: next });
      }
    }
    for (const printerId of bedWaits) await this.opts.hooks.bedWaiting(printerId);
  }

  /** Records the dispatch (before anything is sent) and carries it out in the background. */
  private async claim(item: QueueItem, printer: QueuePrinter, source: QueueSource): Promise<void> {
    const dispatchId = randomUUID();
    const { count } = await db.queueItem.updateMany({
      where: { id: item.id, status: { in: waitingStatuses } },
      data: { status: "dispatching", assignedPrinterId: printer.id, dispatchId, dispatchStage: "recorded", dispatchPath: null, dispatchedAt: new Date() },
    });
    if (count === 0) return;
    await notifyQueue([item.id], { status: "dispatching" });
    log.info({ itemId: item.id, printerId: printer.id }, "dispatching queue item");
    const work = this.carryOut(item, printer, source, dispatchId).finally(() => this.inFlight.delete(item.id));
    this.inFlight.set(item.id, work);
  }

  private async carryOut(item: QueueItem, printer: QueuePrinter, source: QueueSource, dispatchId: string): Promise<void> {
    const mine = { id: item.id, dispatchId };
    let path: string;
    try {
      path = await this.placeFile(printer, source);
    } catch (err) {
      log.warn({ err, itemId: item.id, printerId: printer.id }, "queue upload failed");
      await this.putBack(item, { code: "upload_failed", printerId: printer.id, detail: failureKey(err) }, true);
      return;
    }
    if (!(await this.advance(mine, "uploaded", path))) return;
    // The bed and the printer again, just before the start: either may have changed during the upload.
    const bed = await db.printer.findUnique({ where: { id: printer.id }, select: bedColumns });
    if (!bed || bedBlocksStart(bed) || !this.printers.canStart(printer.id)) {
      await this.putBack(item, null, false);
      return;
    }
    if (!(await this.advance(mine, "start_sent", path))) return;
    try {
      await this.printers.startPrint(printer.id, path, { plate: item.plate ?? undefined, amsMapping: mappingOf(item) ?? undefined });
      log.info({ itemId: item.id, printerId: printer.id, path }, "queue item started");
    } catch (err) {
      if (!refusedForSure(err)) {
        // The start may have reached the printer (a timeout waiting for its answer): the
        // printer's report decides, as after a takeover, so a copy never starts twice.
        log.warn({ err, itemId: item.id, printerId: printer.id }, "queue start unanswered; waiting for the printer's report");
        return;
      }
      log.warn({ err, itemId: item.id, printerId: printer.id }, "queue start refused");
      await this.putBack(item, { code: "start_failed", printerId: printer.id, detail: failureKey(err) }, true);
    }
  }

  /** The file on the printer: where it lies already, or uploaded from the local copy. */
  private async placeFile(printer: QueuePrinter, source: QueueSource): Promise<string> {
    if (source.onPrinter?.printerId === printer.id) return source.onPrinter.path;
    if (!source.localFileId) throw new Error("files.errors.notFound");
    const kind = this.printers.kind(printer.id);
    if (!kind) throw new Error("command.notConnected");
    const remote = `${descriptorOf(kind).uploadFolder}/${source.name}`;
    const present = await db.printerFile.findFirst({ where: { printerId: printer.id, path: remote, goneAt: null, size: source.size ?? -1n }, select: { id: true } });
    if (present) return remote;
    const sent = await uploadToPrinter(this.printers, this.opts.root, printer.id, { localFileId: source.localFileId, start: false });
    return sent.path;
  }

  /** Moves this dispatch to its next stage; false when it is no longer ours (cancelled, taken over). */
  private async advance(mine: { id: string; dispatchId: string }, stage: "uploaded" | "start_sent", path: string): Promise<boolean> {
    const { count } = await db.queueItem.updateMany({
      where: { id: mine.id, dispatchId: mine.dispatchId, status: "dispatching" },
      data: { dispatchStage: stage, dispatchPath: path, ...(stage === "start_sent" ? { dispatchedAt: new Date() } : {}) },
    });
    return count > 0;
  }

  /**
   * Back into the queue (at its place) with the reason, the printer skipped for it when
   * `skip`. With every fitting printer skipped it fails instead: someone has to look.
   */
  private async putBack(item: QueueItem, failure: { code: string; printerId: string | null; detail?: string } | null, skip: boolean): Promise<void> {
    const skipped = skippedOf(item);
    if (skip && failure?.printerId && !skipped.includes(failure.printerId)) skipped.push(failure.printerId);
    const { count } = await db.queueItem.updateMany({
      where: { id: item.id, status: "dispatching" },
      data: {
        status: "queued",
        assignedPrinterId: null,
        dispatchId: null,
        dispatchStage: null,
        dispatchPath: null,
        skippedPrinterIds: JSON.stringify(skipped),
        ...(failure ? { failureCode: failure.code, failureDetail: JSON.stringify({ printerId: failure.printerId, ...(failure.detail ? { detail: failure.detail } : {}) }) } : {}),
      },
    });
    if (count > 0) await notifyQueue([item.id], { status: "queued", ...(failure ? { failureCode: failure.code } : {}) });
    if (!failure || count === 0) return;
    const fresh = await db.queueItem.findUnique({ where: { id: item.id } });
    const source = fresh ? await resolveQueueSource(fresh.fileId) : null;
    if (fresh && source && candidatesOf(targetOf(fresh), source, await loadQueuePrinters()).printers.length === 0) {
      await this.fail(fresh, { code: failure.code, printerId: failure.printerId, detail: failure.detail });
    }
  }

  private async fail(item: QueueItem, failure: { code: string; printerId: string | null; detail?: string }): Promise<void> {
    const { count } = await db.queueItem.updateMany({
      where: { id: item.id, status: { in: ["queued", "waiting_for_bed"] } },
      data: {
        status: "failed",
        finishedAt: new Date(),
        failureCode: failure.code,
        failureDetail: JSON.stringify({ printerId: failure.printerId, ...(failure.detail ? { detail: failure.detail } : {}) }),
      },
    });
    if (count === 0) return;
    await notifyQueue([item.id], { status: "failed", failureCode: failure.code });
    await this.opts.hooks.itemFailed(item.id);
  }
}

/**
 * Whether a failed start certainly did not start anything: the session refused it
 * before sending, or the printer answered with a refusal. A timeout or a dropped
 * connection leaves it open.
 */
function refusedForSure(err: unknown): boolean {
  if (err instanceof CommandRefused) return true;
  return err instanceof PrinterFailure && err.kind !== "temporary";
}

/** A printer that has not begun a print: online and free, bed aside. */
function readyOrIdle(printer: QueuePrinter): boolean {
  return readyForDispatch(printer) || waitingForBed(printer) || !printer.online;
}
