import { logger } from "@/lib/log/logger";
import { configuredBackupOptions, runBackup } from "./run";
import { nextBackupAt } from "./schedule";
import { readBackupState } from "./state";

const log = logger("backup");
const DAY_MS = 86_400_000;
/** Longest single timer; a later backup is reached in several hops (setTimeout caps at ~24.8 days). */
const MAX_TIMER_MS = 6 * 3_600_000;

export interface BackupServiceOptions {
  /** Berlin wall-clock "HH:MM", or "off". */
  time: string;
  run?: () => Promise<unknown>;
  now?: () => Date;
}

/**
 * The worker's daily backup (a WorkerService: only the active worker runs it). A worker
 * that starts when the last success is more than a day old catches up at the next
 * scheduled time, not at once, so restarts during business hours stay quiet.
 */
export class BackupService {
  readonly name = "backups";
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private dueAt: Date | null = null;

  constructor(private readonly opts: BackupServiceOptions) {}

  get nextRunAt(): Date | null {
    return this.dueAt;
  }

  async start(): Promise<void> {
    if (this.opts.time === "off") {
      log.info("scheduled backups are off (PRINTERNIZER_BACKUP_TIME=off)");
      return;
    }
    this.stopped = false;
    const state = await readBackupState().catch(() => null);
    const last = state?.lastSuccess ? Date.parse(state.lastSuccess.at) : 0;
    if (this.now().getTime() - last > DAY_MS) log.info({ last: state?.lastSuccess?.at ?? null }, "backup is due at the next scheduled time");
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dueAt = null;
    await this.running;
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.dueAt ??= nextBackupAt(this.now(), this.opts.time);
    const wait = this.dueAt.getTime() - this.now().getTime();
    this.timer = setTimeout(() => this.fire(), Math.max(0, Math.min(wait, MAX_TIMER_MS)));
    this.timer.unref();
  }

  private fire(): void {
    if (this.stopped) return;
    if (!this.dueAt || this.dueAt > this.now()) {
      this.schedule();
      return;
    }
    this.dueAt = null;
    this.running = (this.opts.run ?? (() => runBackup(configuredBackupOptions())))()
      .then(() => undefined)
      .catch((err: unknown) => log.error({ err }, "scheduled backup failed"))
      .finally(() => {
        this.running = null;
        this.schedule();
      });
  }
}
