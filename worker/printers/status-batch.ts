import { db, Prisma } from "@/lib/db";
import type { EventRow } from "@/lib/events/append";
import { eventsAppended } from "@/lib/events/wake";

/** The PrinterStatus columns one write sets. */
export interface StatusFields {
  online: boolean;
  state: string;
  data: string;
  lastMessageAt: Date | null;
  lastError: string | null;
  reconnects: number;
  raw?: string;
}

export interface StatusWrite {
  printerId: string;
  fields: StatusFields;
  /** The "printer.state" event row, when the change is worth one. */
  event: EventRow | null;
}

export interface StatusBatchOptions {
  /** How long a routine write waits for others to share its transaction. */
  windowMs: number;
  /** An urgent write waits at most this long (gathers what arrives in the same turn). */
  urgentWindowMs?: number;
  /** Stores the writes in one transaction (tests pass their own). */
  commit?: (writes: StatusWrite[]) => Promise<void>;
  /** Stores one write on its own, when the shared transaction failed. */
  commitOne?: (write: StatusWrite) => Promise<void>;
}

interface Queued {
  write: StatusWrite;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** A constraint refused a row (SQLite and PostgreSQL word it alike), as opposed to the database failing. */
export function rowRefused(err: unknown): boolean {
  return err instanceof Error && /foreign key|constraint/i.test(err.message);
}

/** Rows per statement: far below SQLite's and PostgreSQL's limits on bound values. */
const CHUNK = 400;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * One INSERT … ON CONFLICT for many status rows: the same SQL in SQLite and PostgreSQL.
 * Raw, because the ORM would compile and run one statement per row; `raw` keeps its stored
 * value when a write carries none, as the ORM's update left it.
 */
function upsertStatuses(writes: StatusWrite[], now: Date): Prisma.Sql {
  const rows = writes.map(
    ({ printerId, fields: f }) =>
      Prisma.sql`(${printerId}, ${f.online}, ${f.state}, ${f.data}, ${f.raw ?? null}, ${f.lastMessageAt}, ${f.lastError}, ${f.reconnects}, ${now})`,
  );
  return Prisma.sql`INSERT INTO "PrinterStatus" ("printerId", "online", "state", "data", "raw", "lastMessageAt", "lastError", "reconnects", "updatedAt")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("printerId") DO UPDATE SET "online" = excluded."online", "state" = excluded."state", "data" = excluded."data",
      "raw" = COALESCE(excluded."raw", "PrinterStatus"."raw"), "lastMessageAt" = excluded."lastMessageAt", "lastError" = excluded."lastError",
      "reconnects" = excluded."reconnects", "updatedAt" = excluded."updatedAt"`;
}

/** The events in the order of the writes (ids ascend in VALUES order), stamped like the ORM stamps them. */
function insertEvents(events: EventRow[], now: Date): Prisma.Sql {
  const rows = events.map((e) => Prisma.sql`(${now}, ${e.type}, ${e.printerId}, ${e.payload})`);
  return Prisma.sql`INSERT INTO "Event" ("createdAt", "type", "printerId", "payload") VALUES ${Prisma.join(rows)}`;
}

/** All status rows and their events in one transaction: one commit per batch, not two per printer. */
export async function commitStatusWrites(writes: StatusWrite[]): Promise<void> {
  const now = new Date();
  const events = writes.flatMap((w) => (w.event ? [w.event] : []));
  const statements = [...chunks(writes).map((part) => upsertStatuses(part, now)), ...chunks(events).map((part) => insertEvents(part, now))];
  // One statement is atomic by itself; several go as one batch (no round trip per statement).
  if (statements.length === 1) await db.$executeRaw(statements[0]);
  else await db.$transaction(statements.map((sql) => db.$executeRaw(sql)));
  if (events.length > 0) eventsAppended();
}

/**
 * Gathers the status writes of every printer of this worker into one transaction per
 * short window: at 500 printers sending a delta a second, about ten commits a second
 * instead of a thousand. An urgent write (state, job, errors, targets) starts its batch
 * at once; a routine one waits up to `windowMs` for company. Batches never overlap: what
 * arrives during a commit goes into the next. Each write's promise settles when its rows
 * are stored; if a constraint refuses the shared transaction, each write is retried alone,
 * so one printer's bad row (removed meanwhile) fails only that printer.
 */
export class StatusBatch {
  private queue: Queued[] = [];
  private firstQueuedAt = 0;
  private urgent = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private readonly commit: (writes: StatusWrite[]) => Promise<void>;
  private readonly commitOne: (write: StatusWrite) => Promise<void>;
  readonly counters = { batches: 0, writes: 0, fallbacks: 0 };

  constructor(private readonly opts: StatusBatchOptions) {
    this.commit = opts.commit ?? commitStatusWrites;
    this.commitOne = opts.commitOne ?? ((write) => commitStatusWrites([write]));
  }

  write(write: StatusWrite, urgent = false): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.queue.length === 0) this.firstQueuedAt = Date.now();
      this.queue.push({ write, resolve, reject });
      this.urgent ||= urgent;
      this.schedule();
    });
  }

  /**
   * Stores what is queued without waiting out the window: an urgent change is waiting
   * behind a routine write of its printer (one printer's writes never overlap).
   */
  hurry(): void {
    if (this.queue.length === 0) return;
    this.urgent = true;
    this.schedule();
  }

  /** Stores what is queued now and waits for it (worker stopping). */
  async flush(): Promise<void> {
    while (this.running || this.queue.length > 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      await (this.running ?? this.run());
    }
  }

  private schedule(): void {
    if (this.running || this.queue.length === 0) return;
    const window = this.urgent ? (this.opts.urgentWindowMs ?? 0) : this.opts.windowMs;
    const wait = Math.max(0, this.firstQueuedAt + window - Date.now());
    if (this.timer && !this.urgent) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, wait);
  }

  private run(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.urgent = false;
    const run = this.store(batch).finally(() => {
      this.running = null;
      this.schedule();
    });
    this.running = run;
    return run;
  }

  private async store(batch: Queued[]): Promise<void> {
    if (batch.length === 0) return;
    this.counters.batches += 1;
    this.counters.writes += batch.length;
    try {
      await this.commit(batch.map((q) => q.write));
      for (const q of batch) q.resolve();
      return;
    } catch (err) {
      // Only a row that cannot be stored (its printer removed meanwhile) is worth retrying
      // the others without it; a locked or unreachable database would fail them all again.
      if (batch.length === 1 || !rowRefused(err)) {
        for (const q of batch) q.reject(err);
        return;
      }
    }
    this.counters.fallbacks += 1;
    for (const q of batch) {
      await this.commitOne(q.write).then(q.resolve, q.reject);
    }
  }
}
