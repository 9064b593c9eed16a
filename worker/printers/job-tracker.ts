import { isUniqueViolation } from "@/lib/auth/db-errors";
import { onJobFinished } from "@/lib/business/on-job-finished";
import { db } from "@/lib/db";
import { appendEvent } from "@/lib/events/append";
import { jobEventSchemas } from "@/lib/jobs/events";
import { totalGrams } from "@/lib/jobs/filament";
import { filamentOfJob, type RemoteMetadataReader } from "@/lib/jobs/job-filament";
import { closeInferred, decideJob, type ClosedStatus, type JobAction, type OpenJob, type OpenStatus } from "@/lib/jobs/machine";
import { openTransition, type StateChangeKind } from "@/lib/jobs/timeline";
import { markBedNeedsClearing, settleFirstBedState } from "@/lib/printers/bed-actions";
import { canStartPrint } from "@/lib/printers/startable";
import type { FilamentSlot, NormalizedState } from "@/lib/printers/types";
import { raiseItemFailed } from "@/lib/queue/alerts";
import { endQueueItemOfJob, linkStartedJob } from "@/lib/queue/lifecycle";

/**
 * Applies the job state machine (lib/jobs/machine.ts) to the Job table for one
 * printer. The open job is re-read from the database when the tracker starts, so a
 * worker restart or a lease takeover mid-print continues the same job; the
 * (printerId, printerJobId) unique key makes a second row for one print impossible.
 * Every status change is also kept as a JobStateChange row: the job's timeline.
 */

export interface JobTrackerOptions {
  /** Progress and layer are written at most this often; status changes at once. */
  progressWriteMs: number;
  now: () => number;
  /** Reads a print file's metadata from the printer (prints started at the printer). */
  readRemote?: RemoteMetadataReader;
}

export interface ClosedJob {
  id: string;
  name: string;
  status: ClosedStatus;
  errorCode: string | null;
}

export interface JobListener {
  started(job: OpenJob): Promise<void>;
  closed(job: ClosedJob): Promise<void>;
}

const openStatuses: OpenStatus[] = ["printing", "paused"];

const openColumns = {
  id: true,
  printerJobId: true,
  name: true,
  fileName: true,
  status: true,
  progress: true,
  layer: true,
  totalLayers: true,
  startedAt: true,
  stopRequestedAt: true,
} as const;

function toOpen(row: {
  id: string;
  printerJobId: string | null;
  name: string;
  fileName: string | null;
  status: string;
  progress: number;
  layer: number | null;
  totalLayers: number | null;
  startedAt: Date;
  stopRequestedAt: Date | null;
}): OpenJob {
  return { ...row, status: row.status === "paused" ? "paused" : "printing" };
}

export class JobTracker {
  private open: OpenJob | null = null;
  private lastWrite = Number.NEGATIVE_INFINITY;
  private dirty = false;
  /** The printer's filament slots as last reported, and those seen feeding the open job. */
  private slots: FilamentSlot[] = [];
  private activeSlots = new Set<string>();
  /** Whether the bed state of a printer never seen before has been settled (once per tracker). */
  private bedSettled = false;

  constructor(
    private readonly printerId: string,
    private readonly listener: JobListener,
    private readonly opts: JobTrackerOptions,
  ) {}

  current(): OpenJob | null {
    return this.open;
  }

  /** Reads the job left open by an earlier run; extra open rows (should not exist) are closed. */
  async load(): Promise<void> {
    const rows = await db.job.findMany({
      where: { printerId: this.printerId, status: { in: openStatuses } },
      orderBy: { startedAt: "desc" },
      select: openColumns,
    });
    const [newest, ...stale] = rows.map(toOpen);
    this.open = newest ?? null;
    const now = new Date(this.opts.now());
    for (const job of stale) await this.apply(closeInferred(job, now));
  }

  async observe(state: NormalizedState): Promise<void> {
    const now = new Date(this.opts.now());
    if (!this.bedSettled && state.online && state.state !== "offline") {
      await settleFirstBedState(this.printerId, this.open === null && canStartPrint(state), now);
      this.bedSettled = true;
    }
    if (state.filament.length > 0) this.slots = state.filament;
    for (const action of decideJob(this.open, state, now)) await this.apply(action);
    if (this.open) for (const slot of state.filament) if (slot.active) this.activeSlots.add(slot.id);
    if (this.dirty && now.getTime() - this.lastWrite >= this.opts.progressWriteMs) await this.writeProgress();
  }

  /** Before a stop is sent: whatever the printer reports next, this job was cancelled. */
  async markStopRequested(): Promise<string | null> {
    const open = this.open;
    if (!open) return null;
    const at = new Date(this.opts.now());
    await db.job.update({ where: { id: open.id }, data: { stopRequestedAt: at } });
    open.stopRequestedAt = at;
    return open.id;
  }

  /** The stop did not reach the printer: the print goes on, and a later failure is a failure. */
  async clearStopRequested(jobId: string): Promise<void> {
    await db.job.update({ where: { id: jobId }, data: { stopRequestedAt: null } });
    if (this.open?.id === jobId) this.open.stopRequestedAt = null;
  }

  /** Writes pending progress (before the tracker stops). */
  async flush(): Promise<void> {
    if (this.dirty) await this.writeProgress();
  }

  private async writeProgress(): Promise<void> {
    const open = this.open;
    if (!open) return;
    await db.job.update({
      where: { id: open.id },
      data: { progress: open.progress, layer: open.layer, totalLayers: open.totalLayers },
    });
    this.dirty = false;
    this.lastWrite = this.opts.now();
  }

  private async apply(action: JobAction): Promise<void> {
    switch (action.kind) {
      case "create":
        return this.create(action);
      case "update":
        return this.update(action);
      case "close":
        return this.close(action);
    }
  }

  private async create(action: Extract<JobAction, { kind: "create" }>): Promise<void> {
    const { kind: _kind, ...fields } = action;
    try {
      const row = await db.job.create({ data: { printerId: this.printerId, ...fields }, select: openColumns });
      this.open = toOpen(row);
      this.lastWrite = this.opts.now();
      this.dirty = false;
      this.activeSlots = new Set();
      await this.record(row.id, "started", row.startedAt);
      await appendEvent(
        jobEventSchemas,
        "job.started",
        { jobId: row.id, printerJobId: row.printerJobId, name: row.name, fileName: row.fileName, startedAt: row.startedAt.toISOString() },
        this.printerId,
      );
      await linkStartedJob(this.printerId, row, row.startedAt);
      await this.listener.started(this.open);
    } catch (error) {
      if (!isUniqueViolation(error) || action.printerJobId === null) throw error;
      await this.reopen(action.printerJobId, action);
    }
  }

  /**
   * The print already has a row: we closed it while the printer was unclear (e.g. idle
   * for a moment) and it runs on. Same print, same job: open it again.
   */
  private async reopen(printerJobId: string, action: Extract<JobAction, { kind: "create" }>): Promise<void> {
    const row = await db.job.update({
      where: { printerId_printerJobId: { printerId: this.printerId, printerJobId } },
      data: { status: action.status, progress: action.progress, endedAt: null, durationSeconds: null, errorCode: null },
      select: openColumns,
    });
    this.open = toOpen(row);
    this.lastWrite = this.opts.now();
    await this.changed(row.id, "resumed");
  }

  private async update(action: Extract<JobAction, { kind: "update" }>): Promise<void> {
    const open = this.open;
    if (!open) return;
    const { kind: _kind, id: _id, ...fields } = action;
    const transition = openTransition(open.status, fields.status);
    const identityChanged = open.printerJobId !== fields.printerJobId || open.name !== fields.name || open.fileName !== fields.fileName;
    if (transition || identityChanged) {
      // Written before memory changes, so a failed write is retried with the next state.
      await db.job.update({ where: { id: open.id }, data: fields });
      this.lastWrite = this.opts.now();
      this.dirty = false;
    } else {
      this.dirty = true;
    }
    Object.assign(open, fields);
    if (transition) await this.changed(open.id, transition);
  }

  private async record(jobId: string, status: StateChangeKind, at: Date, errorCode: string | null = null): Promise<void> {
    await db.jobStateChange.create({ data: { jobId, status, at, errorCode } });
  }

  /** A pause, a resume or a reopened print: recorded and announced, so open pages show it at once. */
  private async changed(jobId: string, status: "paused" | "resumed"): Promise<void> {
    const at = new Date(this.opts.now());
    await this.record(jobId, status, at);
    await appendEvent(jobEventSchemas, "job.state", { jobId, status, at: at.toISOString() }, this.printerId);
  }

  private async close(action: Extract<JobAction, { kind: "close" }>): Promise<void> {
    const row = await db.job.findUnique({ where: { id: action.id }, select: { startedAt: true, name: true, fileName: true } });
    if (!row) {
      if (this.open?.id === action.id) this.open = null;
      return;
    }
    const durationSeconds = Math.max(0, Math.round((action.endedAt.getTime() - row.startedAt.getTime()) / 1000));
    const seen = { live: this.slots, active: [...this.activeSlots] };
    const uses = await filamentOfJob(this.printerId, row, action.status, action.progress, seen, this.opts.readRemote ?? null).catch(() => null);
    const filamentGrams = uses === null ? null : totalGrams(uses);
    await db.job.update({
      where: { id: action.id },
      data: {
        status: action.status,
        endedAt: action.endedAt,
        durationSeconds,
        errorCode: action.errorCode,
        progress: action.progress,
        ...(filamentGrams !== null ? { filamentGrams } : {}),
      },
    });
    if (this.open?.id === action.id) {
      this.open = null;
      this.dirty = false;
    }
    await this.record(action.id, action.status, action.endedAt, action.errorCode);
    // The part lies on the bed now: stored before the queue item ends, so no dispatch sees the printer free with a full bed.
    await markBedNeedsClearing(this.printerId, action.status, action.endedAt);
    const item = await endQueueItemOfJob(action.id, action.status, this.printerId);
    if (item?.failed) await raiseItemFailed(item.id);
    await appendEvent(
      jobEventSchemas,
      "job.finished",
      { jobId: action.id, status: action.status, errorCode: action.errorCode, durationSeconds, endedAt: action.endedAt.toISOString() },
      this.printerId,
    );
    await this.listener.closed({ id: action.id, name: row.name, status: action.status, errorCode: action.errorCode });
    await onJobFinished(action.id, uses);
  }
}
