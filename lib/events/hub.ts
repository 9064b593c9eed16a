import { logger } from "@/lib/log/logger";
import { latestEventId, readEventsAfter } from "./read";
import type { StreamEvent } from "./stream-event";

const log = logger("events");

type Listener = (events: StreamEvent[]) => void;

/**
 * One tail loop per web process: it reads new events by id and fans them out to every
 * connected stream, so 100 browsers cost one query per tick, not 100. The next read is
 * scheduled when the current one finishes, so a slow database never stacks queries.
 */
export class EventHub {
  private readonly listeners = new Set<Listener>();
  private lastId = -1;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private starting: Promise<void> | null = null;

  constructor(
    private readonly intervalMs = Number(process.env.PRINTERNIZER_EVENT_POLL_MS ?? 100),
    private readonly batch = 500,
  ) {}

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
   * (Re)starts the tail at the newest event: while nobody listened there was nobody to
   * deliver to, and streams resuming from an older id read their backlog themselves.
   */
  private async start(): Promise<void> {
    this.lastId = await latestEventId();
    this.running = true;
    this.schedule();
  }

  private stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.tick(), this.intervalMs);
  }

  private async tick(): Promise<void> {
    try {
      for (;;) {
        const events = await readEventsAfter(this.lastId, this.batch);
        if (events.length === 0) break;
        this.lastId = events[events.length - 1].id;
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
      this.schedule();
    }
  }
}

const globalForHub = globalThis as unknown as { printernizerEventHub?: EventHub };

export function eventHub(): EventHub {
  globalForHub.printernizerEventHub ??= new EventHub();
  return globalForHub.printernizerEventHub;
}
