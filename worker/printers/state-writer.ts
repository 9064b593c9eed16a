import { eventRow } from "@/lib/events/append";
import { printerEventSchemas } from "@/lib/printers/events";
import type { NormalizedState, PrinterFailure } from "@/lib/printers/types";
import { meaningfulKey, urgentKey } from "./change-key";
import { Coalescer } from "./coalescer";
import type { FaultLog } from "./faults";
import type { StatusBatch } from "./status-batch";

/**
 * Keeps a printer's PrinterStatus row current (updated in place) and appends a
 * "printer.state" event for every meaningful change. Telemetry (temperatures, progress)
 * is coalesced to one write and one event per interval, so a printer sending deltas
 * every second, or a flood of them, stays cheap; a change of what the printer is doing
 * (state, job, errors, targets) goes out within the short urgent interval. The row is
 * refreshed now and then even without changes, so lastMessageAt tells how fresh the
 * state is. The row and its event are stored with every other printer's in one
 * transaction per short window (status-batch.ts); the change keys are computed once per
 * message and carried along, not again at write time.
 */

export interface StateWriterOptions {
  eventMinIntervalMs: number;
  urgentEventMinIntervalMs: number;
  statusHeartbeatMs: number;
  rawEveryMs: number;
  now: () => number;
  /** Removes the printer's secrets from the raw payload text before it is stored. */
  scrub: (text: string) => string;
}

const MAX_RAW_CHARS = 64 * 1024;

interface Snapshot {
  state: NormalizedState;
  raw: unknown;
  lastMessageAt: number | null;
  key: string;
  urgentKey: string | null;
}

export class StateWriter {
  private readonly coalescer: Coalescer<Snapshot>;
  private lastKey: string | null = null;
  private lastUrgentKey: string | null = null;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private lastRawAt = Number.NEGATIVE_INFINITY;
  private lastMessageAt: number | null = null;
  private lastError: string | null = null;
  private reconnects = 0;
  private latest: Snapshot | null = null;
  events = 0;

  constructor(
    private readonly printerId: string,
    private readonly faults: FaultLog,
    private readonly batch: StatusBatch,
    private readonly opts: StateWriterOptions,
  ) {
    this.coalescer = new Coalescer({
      minIntervalMs: opts.eventMinIntervalMs,
      urgentIntervalMs: opts.urgentEventMinIntervalMs,
      emit: (snapshot) => this.write(snapshot, true),
      onError: (err) => faults.fail("db.status", err),
      now: opts.now,
    });
  }

  /** Every state the driver reports (already deduplicated by the driver). */
  offer(state: NormalizedState, raw: unknown): void {
    const now = this.opts.now();
    if (state.online) this.lastMessageAt = now;
    const key = meaningfulKey(state);
    const due = key !== this.lastKey || now - this.lastWriteAt >= this.opts.statusHeartbeatMs;
    this.latest = { state, raw, lastMessageAt: this.lastMessageAt, key, urgentKey: due ? urgentKey(state) : null };
    if (!due) return;
    const urgent = this.latest.urgentKey !== this.lastUrgentKey;
    this.coalescer.push(this.latest, urgent);
    // A routine write of this printer may be waiting for its batch: the urgent one is behind it.
    if (urgent) this.batch.hurry();
  }

  /** A message arrived that changed nothing we map: only freshness moves. */
  touch(): void {
    this.lastMessageAt = this.opts.now();
    if (this.latest && this.lastMessageAt - this.lastWriteAt >= this.opts.statusHeartbeatMs) {
      this.coalescer.push({ ...this.latest, lastMessageAt: this.lastMessageAt });
    }
  }

  connection(online: boolean, failure: PrinterFailure | undefined, wasOnlineBefore: boolean): void {
    if (online && wasOnlineBefore) this.reconnects += 1;
    this.lastError = online ? null : (failure?.message ?? this.lastError);
    if (this.latest) this.coalescer.push(this.latest, true);
  }

  flush(): Promise<void> {
    return this.coalescer.flush();
  }

  stop(): Promise<void> {
    return this.coalescer.stop();
  }

  /** Writes a final state right away (printer disabled or removed while running). */
  async final(state: NormalizedState): Promise<void> {
    await this.coalescer.stop();
    await this.write({ state, raw: null, lastMessageAt: this.lastMessageAt, key: meaningfulKey(state), urgentKey: urgentKey(state) }, false);
  }

  /** `coalesced`: the coalescer decided when; it may share a batch. A final write goes out at once. */
  private async write(snapshot: Snapshot, coalesced: boolean): Promise<void> {
    const now = this.opts.now();
    const { key } = snapshot;
    const stateUrgentKey = snapshot.urgentKey ?? urgentKey(snapshot.state);
    const includeRaw = snapshot.raw !== null && snapshot.raw !== undefined && now - this.lastRawAt >= this.opts.rawEveryMs;
    const raw = includeRaw ? this.opts.scrub(JSON.stringify(snapshot.raw)).slice(0, MAX_RAW_CHARS) : undefined;
    const fields = {
      online: snapshot.state.online,
      state: snapshot.state.state,
      data: JSON.stringify(snapshot.state),
      lastMessageAt: snapshot.lastMessageAt === null ? null : new Date(snapshot.lastMessageAt),
      lastError: this.lastError,
      reconnects: this.reconnects,
      ...(raw !== undefined ? { raw } : {}),
    };
    const event = key !== this.lastKey ? eventRow(printerEventSchemas, "printer.state", { state: snapshot.state }, this.printerId) : null;
    const urgent = !coalesced || stateUrgentKey !== this.lastUrgentKey;
    await this.batch.write({ printerId: this.printerId, fields, event }, urgent);
    this.lastWriteAt = now;
    this.lastUrgentKey = stateUrgentKey;
    if (includeRaw) this.lastRawAt = now;
    this.faults.ok("db.status");
    if (event) {
      this.lastKey = key;
      this.events += 1;
    }
  }
}
