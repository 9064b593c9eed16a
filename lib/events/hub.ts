import { logger } from "@/lib/log/logger";
import { latestEventId, readEventsAfter, readNewestEvents } from "./read";
import type { StreamEvent } from "./stream-event";
import { eventWakeSource, type WakeSource } from "./wake";

const log = logger("events");

type Listener = (events: StreamEvent[]) => void;

export interface EventHubOptions {
  /** Polls this often when nothing wakes it (a missed wake-up costs at most this). */
  intervalMs?: number;
  batch?: number;
  /** Newest events kept in memory for streams that resume (their replay costs no query). */
  recent?: number;
  /** Tells the hub that events may have been appended (LISTEN/NOTIFY, the SQLite WAL file). */
  wake?: WakeSource | null;
}

/**
 * One tail loop per web process: it reads new events by id and fans them out to every
 * connected stream, so 100 browsers cost one query per tick, not 100. The next read is
 * scheduled when the current one finishes, so a slow database never stacks queries; a
 * wake-up from the database starts it early. The newest `recent` events stay in memory,
 * so a thousand browsers reconnecting at once replay what they missed from here.
 */
export class EventHub {
  private readonly listeners = new Set<Listener>();
  private lastId = -1;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private reading = false;
  private again = false;
  private starting: Promise<void> | null = null;
  private stopWake: (() => void) | null = null;
  /** The newest events, oldest first; every event with id > floor is in it. */
  private ring: StreamEvent[] = [];
  private floor = 0;
  private readonly intervalMs: number;
  private readonly batch: number;
  private readonly recent: number;
  private readonly wake: WakeSource | null;
  readonly counters = { reads: 0, wakes: 0 };

  constructor(opts: EventHubOptions = {}) {
    this.intervalMs = opts.intervalMs ?? Number(process.env.PRINTERNIZER_EVENT_POLL_MS ?? 100);
    this.batch = opts.batch ?? 500;
    this.recent = opts.recent ?? 1_000;
    this.wake = opts.wake === undefined ? eventWakeSource() : opts.wake;
  }

  /** Highest event id this hub has delivered (or seen at start). */
  get position(): number {
    return this.lastId;
  }

  get clientCount(): number {
    return this.listeners.size;
  }

  async subscribe(listener: Listener): Promise<() => void> {
    this.listeners.add(listener);
    if (!this.running) {
      this.starting ??= this.start().finally(() => {
        this.starting = null;
      });
    }
    await this.starting;
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /**
   * The events after `afterId` from memory, or null when memory does not reach back that
   * far (the caller reads the database). Only valid while subscribed.
   */
  replayAfter(afterId: number): StreamEvent[] | null {
    if (afterId < this.floor) return null;
    let lo = 0;
    let hi = this.ring.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ring[mid].id <= afterId) lo = mid + 1;
      else hi = mid;
    }
    return this.ring.slice(lo);
  }

  /**
   * (Re)starts the tail at the newest event: while nobody listened there was nobody to
   * deliver to, and streams resuming from an older id replay from memory or the database.
   */
  private async start(): Promise<void> {
    const newest = await readNewestEvents(this.recent);
    this.ring = newest;
    this.lastId = newest.at(-1)?.id ?? (await latestEventId());
    // Fewer rows than asked for: the ring holds the whole log.
    this.floor = newest.length < this.recent ? 0 : newest[0].id;
    this.running = true;
    this.stopWake = this.wake?.((): void => this.onWake()) ?? null;
    this.schedule();
  }

  private stop(): void {
    this.running = false;
    this.stopWake?.();
    this.stopWake = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.ring = [];
  }

  private onWake(): void {
    this.counters.wakes += 1;
    if (!this.running) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    void this.tick();
  }

  private schedule(): void {
    if (!this.running) return;
    if (this.again) {
      this.again = false;
      void this.tick();
      return;
    }
    this.timer = setTimeout(() => void this.tick(), this.intervalMs);
  }

  private remember(events: StreamEvent[]): void {
    this.ring.push(...events);
    const excess = this.ring.length - this.recent;
    if (excess > 0) {
      this.floor = this.ring[excess - 1].id;
      this.ring.splice(0, excess);
    }
  }

  private async tick(): Promise<void> {
    this.timer = null;
    this.reading = true;
    try {
      for (;;) {
        this.counters.reads += 1;
        const events = await readEventsAfter(this.lastId, this.batch);
        if (events.length === 0 || !this.running) break;
        this.lastId = events[events.length - 1].id;
        this.remember(events);
        for (const listener of this.listeners) {
          try {
            listener(events);
          } catch (err) {
            log.warn({ err }, "event listener failed");
          }
        }
        if (events.length < this.batch) break;
      }
    } catch (err) {
      log.warn({ err }, "event tail failed; retrying");
    } finally {
      this.reading = false;
      this.schedule();
    }
  }
}

const globalForHub = globalThis as unknown as { printernizerEventHub?: EventHub };

export function eventHub(): EventHub {
  globalForHub.printernizerEventHub ??= new EventHub();
  return globalForHub.printernizerEventHub;
}
