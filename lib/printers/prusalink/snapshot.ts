import type { NormalizedState } from "@/lib/printers/types";
import type { PrusaLinkApi } from "./api";
import { mapLegacy, mapV1 } from "./mapping";
import type { Info, Job, Version } from "./schemas";

export interface ReadResult {
  state: NormalizedState;
  raw: unknown;
  /** Time the printer spent answering this read, waiting in the request queue excluded. */
  boardMs?: number;
}

/** One read of the printer, mapped; what the poll coordinator asks for. */
export interface StateReader {
  read(): Promise<ReadResult>;
  /** Forget what was learnt once per session (the printer may come back with new firmware). */
  reset(): void;
}

/**
 * Reads status every time but the job details only when the job changes: the file
 * name of job 929 does not change, and each request costs the printer's board.
 * Version and info are read once per session.
 */
export class PrusaLinkStateReader implements StateReader {
  private version: Version | null = null;
  private info: Info | null | undefined = undefined;
  private job: { job: Job; raw: unknown } | null = null;
  private lastRaw: unknown = null;

  constructor(private readonly api: PrusaLinkApi) {}

  async read(): Promise<ReadResult> {
    const busyBefore = this.api.transport.busyMs?.() ?? null;
    const result = await this.readOnce();
    const busyAfter = this.api.transport.busyMs?.() ?? null;
    return busyBefore === null || busyAfter === null ? result : { ...result, boardMs: busyAfter - busyBefore };
  }

  private async readOnce(): Promise<ReadResult> {
    this.version ??= await this.api.version();
    const snap = await this.api.snapshot();
    if (snap.generation === "legacy") {
      this.lastRaw = snap.raw;
      return { state: mapLegacy({ printer: snap.printer, job: snap.job, version: this.version }), raw: snap.raw };
    }
    if (this.info === undefined) this.info = await this.api.info();
    const statusJob = snap.status.job;
    if (!statusJob) this.job = null;
    else if (this.needsJobDetails(statusJob)) this.job = await this.api.job();
    const raw = { status: snap.raw, job: this.job?.raw ?? null };
    this.lastRaw = raw;
    const state = mapV1({ status: snap.status, job: this.job?.job ?? null, info: this.info, version: this.version });
    return { state, raw };
  }

  private needsJobDetails(statusJob: { id?: number | null; time_printing?: number | null }): boolean {
    if (!this.job) return true;
    if (statusJob.id != null && statusJob.id !== this.job.job.id) return true;
    // The Pi's status leaves out time_printing; only the job endpoint has it.
    return statusJob.time_printing == null;
  }

  reset(): void {
    this.version = null;
    this.info = undefined;
    this.job = null;
  }

  /** What the last read saw, for diagnostics. */
  facts(): { version: Version | null; info: Info | null; raw: unknown } {
    return { version: this.version, info: this.info ?? null, raw: this.lastRaw };
  }
}
