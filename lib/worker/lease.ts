import { db } from "@/lib/db";

export const WORKER_LEASE = "worker";

/**
 * The row that makes exactly one worker active. Acquiring and renewing are single
 * conditional updates (held by me, or expired, or held by a process the caller knows is
 * dead), which both databases apply atomically, so two workers racing for a lease cannot
 * both win.
 */
export class WorkerLease {
  /**
   * `isDeadPredecessor` says whether a holder was a process that no longer exists (a
   * worker killed and restarted on the same host): its lease is taken over at once
   * instead of after the TTL. It must answer false whenever it cannot be sure.
   */
  constructor(
    readonly holder: string,
    private readonly ttlMs: number,
    private readonly isDeadPredecessor: (holder: string) => boolean = () => false,
  ) {}

  /** The holder of the lease this call took over from a dead predecessor, if any. */
  lastTakeover: string | null = null;

  async tryAcquire(now = new Date()): Promise<boolean> {
    this.lastTakeover = null;
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    const { count } = await db.lease.updateMany({
      where: { name: WORKER_LEASE, OR: [{ holder: this.holder }, { expiresAt: { lt: now } }] },
      data: { holder: this.holder, expiresAt, heartbeatAt: now },
    });
    if (count === 1) {
      await db.lease.updateMany({
        where: { name: WORKER_LEASE, holder: this.holder, acquiredAt: { lt: new Date(now.getTime() - this.ttlMs) } },
        data: { acquiredAt: now },
      });
      return true;
    }
    const existing = await db.lease.findUnique({ where: { name: WORKER_LEASE } });
    if (existing) return this.takeOverFrom(existing.holder, now, expiresAt);
    try {
      await db.lease.create({
        data: { name: WORKER_LEASE, holder: this.holder, acquiredAt: now, expiresAt, heartbeatAt: now },
      });
      return true;
    } catch {
      // Another worker created the row first.
      return false;
    }
  }

  private async takeOverFrom(dead: string, now: Date, expiresAt: Date): Promise<boolean> {
    if (!this.isDeadPredecessor(dead)) return false;
    // Conditional on the dead holder: a worker that took the row meanwhile keeps it.
    const { count } = await db.lease.updateMany({
      where: { name: WORKER_LEASE, holder: dead },
      data: { holder: this.holder, acquiredAt: now, expiresAt, heartbeatAt: now },
    });
    if (count === 1) this.lastTakeover = dead;
    return count === 1;
  }

  /** Extends the lease; false means another worker took it over and we must stand down. */
  async renew(now = new Date()): Promise<boolean> {
    const { count } = await db.lease.updateMany({
      where: { name: WORKER_LEASE, holder: this.holder },
      data: { expiresAt: new Date(now.getTime() + this.ttlMs), heartbeatAt: now },
    });
    return count === 1;
  }

  /** Lets a standby take over at once instead of waiting for the lease to expire. */
  async release(): Promise<void> {
    await db.lease.updateMany({
      where: { name: WORKER_LEASE, holder: this.holder },
      data: { expiresAt: new Date(0) },
    });
  }
}

export interface WorkerStatus {
  holder: string | null;
  heartbeatAt: Date | null;
  heartbeatAgeMs: number | null;
  expiresAt: Date | null;
  /** When the current holder took the lease over. */
  acquiredAt: Date | null;
}

export async function readWorkerStatus(now = new Date()): Promise<WorkerStatus> {
  const row = await db.lease.findUnique({ where: { name: WORKER_LEASE } });
  if (!row) return { holder: null, heartbeatAt: null, heartbeatAgeMs: null, expiresAt: null, acquiredAt: null };
  return {
    holder: row.expiresAt > now ? row.holder : null,
    heartbeatAt: row.heartbeatAt,
    heartbeatAgeMs: now.getTime() - row.heartbeatAt.getTime(),
    expiresAt: row.expiresAt,
    acquiredAt: row.acquiredAt,
  };
}
