import path from "node:path";
import { appendEvent } from "@/lib/events/append";
import { workerEventSchemas } from "@/lib/worker/events";
import { logger } from "@/lib/log/logger";
import { WorkerLease } from "@/lib/worker/lease";
import { workerInstance, type WorkerInstance } from "./instance";
import { Liveness } from "./liveness";
import type { WorkerService } from "./services";

const log = logger("worker");

export interface WorkerOptions {
  dataDir: string;
  heartbeatMs: number;
  leaseTtlMs: number;
  livenessPort: number;
  staleMs: number;
  services: WorkerService[];
  /** Who this process is in the lease row; the running process's identity by default. */
  instance?: WorkerInstance;
}

/**
 * The worker's life: wait as standby until the lease is ours, then run the services and
 * beat; stand down at once if another worker holds the lease after all.
 */
export class Worker {
  readonly holder: string;
  private readonly lease: WorkerLease;
  private readonly liveness: Liveness;
  private readonly startedAt = new Date().toISOString();
  private active = false;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  private tickRunning: Promise<void> | null = null;

  constructor(private readonly opts: WorkerOptions) {
    const instance = opts.instance ?? workerInstance();
    this.holder = instance.holder;
    this.lease = new WorkerLease(this.holder, opts.leaseTtlMs, (holder) => instance.isDeadPredecessor(holder));
    this.liveness = new Liveness(path.join(opts.dataDir, "worker-heartbeat.json"), opts.staleMs);
  }

  get isActive(): boolean {
    return this.active;
  }

  async start(): Promise<number | null> {
    const port = await this.liveness.listen(this.opts.livenessPort);
    log.info({ holder: this.holder, livenessPort: port }, "worker started; waiting for lease");
    await this.tick();
    return port;
  }

  private schedule(): void {
    if (this.stopping) return;
    // While standby, look again sooner than the heartbeat so takeover is quick.
    const delay = this.active ? this.opts.heartbeatMs : Math.min(this.opts.heartbeatMs, 2_000);
    this.timer = setTimeout(() => {
      this.tickRunning = this.tick();
    }, delay);
  }

  private async tick(): Promise<void> {
    try {
      if (this.active) {
        if (await this.lease.renew()) await this.beat();
        else await this.standDown("lease lost to another worker");
      } else if (await this.lease.tryAcquire()) {
        await this.becomeActive();
      } else {
        await this.liveness.beat(this.snapshot());
      }
    } catch (err) {
      log.error({ err }, "worker tick failed");
    } finally {
      this.schedule();
    }
  }

  private snapshot() {
    return { holder: this.holder, active: this.active, heartbeatAt: new Date().toISOString(), startedAt: this.startedAt };
  }

  private async beat(): Promise<void> {
    const snap = this.snapshot();
    await this.liveness.beat(snap);
    await appendEvent(workerEventSchemas, "worker.heartbeat", { holder: this.holder, at: snap.heartbeatAt, startedAt: this.startedAt });
  }

  private async becomeActive(): Promise<void> {
    this.active = true;
    const takenFrom = this.lease.lastTakeover;
    if (takenFrom) log.warn({ holder: this.holder, deadHolder: takenFrom }, "took over the lease of a dead worker on this host without waiting for it to expire");
    log.info({ holder: this.holder }, "lease acquired; worker is active");
    await appendEvent(workerEventSchemas, "worker.lease", { holder: this.holder, acquired: true });
    for (const service of this.opts.services) {
      try {
        await service.start();
      } catch (err) {
        log.error({ err, service: service.name }, "service failed to start");
      }
    }
    await this.beat();
  }

  private async stopServices(): Promise<void> {
    await Promise.allSettled(
      this.opts.services.map(async (service) => {
        try {
          await service.stop();
        } catch (err) {
          log.error({ err, service: service.name }, "service failed to stop");
        }
      }),
    );
  }

  private async standDown(reason: string): Promise<void> {
    log.warn({ holder: this.holder, reason }, "standing down");
    this.active = false;
    await this.stopServices();
  }

  /** Finishes or aborts in-flight work, gives up the lease so a standby takes over now. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.tickRunning;
    if (this.active) {
      this.active = false;
      await this.stopServices();
      await this.lease.release().catch((err: unknown) => log.warn({ err }, "lease release failed"));
    }
    await this.liveness.close();
    log.info({ holder: this.holder }, "worker stopped");
  }
}
