import { purgeIdle } from "@/lib/auth/login-throttle";
import { isMaintenanceWindow } from "@/lib/business/calendar";
import { logger } from "@/lib/log/logger";
import { lastRetentionRun, purgeTelemetry } from "./retention";
import { lastComplianceCheck, runComplianceCheck } from "./self-check";

const log = logger("retention");

const CHECK_EVERY_MS = 10 * 60_000;
/** Once a day: a run is due 20 h after the last, so it stays in the night's window. */
const RUN_AFTER_MS = 20 * 3_600_000;

export interface RetentionServiceOptions {
  intervalMs?: number;
  now?: () => Date;
}

/**
 * The worker service that purges telemetry once a day outside business hours
 * (calendar.isMaintenanceWindow) and then runs the compliance self-check. The next
 * tick is scheduled when the current one finishes, so runs never overlap.
 */
export class RetentionService {
  readonly name = "retention";
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(private readonly options: RetentionServiceOptions = {}) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One tick: purge when due and in the maintenance window; the self-check when a day old. */
  async tick(): Promise<void> {
    const now = this.options.now?.() ?? new Date();
    const last = await lastRetentionRun();
    const due = !last || now.getTime() - Date.parse(last.at) >= RUN_AFTER_MS;
    if (due && isMaintenanceWindow(now)) {
      const run = await purgeTelemetry(now);
      const throttleKeys = await purgeIdle(now);
      log.info({ counts: run.counts, throttleKeys }, "telemetry purged");
    }
    const check = await lastComplianceCheck();
    if (!check || now.getTime() - Date.parse(check.at) >= RUN_AFTER_MS || (due && isMaintenanceWindow(now))) {
      const result = await runComplianceCheck(now);
      if (!result.ok) log.warn({ checks: result.checks.filter((c) => c.status === "failed").map((c) => c.name) }, "compliance check failed");
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((err: unknown) => log.error({ err }, "retention tick failed"))
        .finally(() => {
          this.running = null;
          this.schedule(this.options.intervalMs ?? CHECK_EVERY_MS);
        });
    }, delayMs);
  }
}
