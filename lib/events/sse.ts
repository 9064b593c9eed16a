import { z } from "zod";
import { recordSseEventSent, sseClientClosed, sseClientOpened } from "@/lib/metrics/registry";
import { eventHub } from "./hub";
import { readEventsAfter } from "./read";
import type { StreamEvent } from "./stream-event";

const encoder = new TextEncoder();

function frame(event: StreamEvent): Uint8Array {
  // The SSE id is the event id, so the browser's Last-Event-ID resumes exactly here. No
  // `event:` name: every event reaches the one onmessage handler, which routes by type.
  return encoder.encode(`id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`);
}

/**
 * Frames by event and by what a viewer may see of it (`viewKey`): every stream of this
 * process gets the hub's same event objects, so each event is filtered and serialised
 * once per kind of viewer, not once per browser. Held only as long as the event is.
 */
const framesByEvent = new WeakMap<StreamEvent, Map<string, Uint8Array | null>>();

function framed(event: StreamEvent, viewKey: string, view: (event: StreamEvent) => StreamEvent | null): Uint8Array | null {
  let byView = framesByEvent.get(event);
  if (!byView) framesByEvent.set(event, (byView = new Map()));
  let bytes = byView.get(viewKey);
  if (bytes === undefined) {
    const visible = view(event);
    bytes = visible ? frame(visible) : null;
    byView.set(viewKey, bytes);
  }
  return bytes;
}

export interface SseLimits {
  /** Events a resuming stream replays at most; further behind, it gets `resync` instead. */
  maxReplay: number;
  /** Streams one user holds at once; opening one more closes their oldest. */
  perOwner: number;
  /** Streams this web process holds at once; one more is refused (503, Retry-After). */
  perProcess: number;
}

const limit = (raw: string | undefined, fallback: number) => z.coerce.number().int().min(1).default(fallback).parse(raw);

export function sseLimits(source: Record<string, string | undefined> = process.env): SseLimits {
  return {
    maxReplay: limit(source.PRINTERNIZER_EVENT_REPLAY_MAX, 1_000),
    perOwner: limit(source.PRINTERNIZER_STREAMS_PER_USER, 20),
    perProcess: limit(source.PRINTERNIZER_STREAMS_PER_PROCESS, 2_000),
  };
}

let openStreams = 0;

/** Streams open in this process (all owners). */
export function openStreamCount(): number {
  return openStreams;
}

/** Whether this process may open one more stream now. */
export function streamCapacityLeft(limits: SseLimits = sseLimits()): boolean {
  return openStreamCount() < limits.perProcess;
}

export interface SseOptions {
  lastEventId: number | null;
  signal: AbortSignal;
  heartbeatMs?: number;
  /** Whose stream this is (a user id), for the per-user cap. */
  owner: string;
  limits?: SseLimits;
  /** What this browser may see of an event; null skips it. The caller brings the rule (kernels know no roles). */
  view?: (event: StreamEvent) => StreamEvent | null;
  /** Names the view: streams with the same key see the same of every event (e.g. the viewer's permissions). */
  viewKey?: string;
}

let streamSerial = 0;

/** Open streams by owner, oldest first, each with the function that ends it. */
const openByOwner = new Map<string, Set<() => void>>();

function register(owner: string, perOwner: number, end: () => void): () => void {
  let open = openByOwner.get(owner);
  if (!open) openByOwner.set(owner, (open = new Set()));
  open.add(end);
  for (const oldest of open) {
    if (open.size <= perOwner) break;
    oldest();
  }
  return () => {
    open.delete(end);
    if (open.size === 0 && openByOwner.get(owner) === open) openByOwner.delete(owner);
  };
}

/**
 * Named events the client handles apart from data events. `resync`: the backlog was too
 * long to replay, reload the state; its id moves the browser's Last-Event-ID to the present.
 * `superseded`: this stream was closed for a newer one of the same user, do not reconnect.
 */
function control(name: "resync" | "superseded", id?: number): Uint8Array {
  return encoder.encode(`${id === undefined ? "" : `id: ${id}\n`}event: ${name}\ndata: {}\n\n`);
}

/**
 * A stream of events for one browser: first everything after Last-Event-ID, from the
 * hub's memory of recent events or else the database (at most `maxReplay` events, else a
 * `resync`), then live events from the process-wide hub, without gap or duplicate. The
 * caller checks `streamCapacityLeft` first.
 */
export function eventStream({
  lastEventId,
  signal,
  heartbeatMs = 15_000,
  owner,
  limits = sseLimits(),
  view: givenView,
  viewKey: givenViewKey,
}: SseOptions): ReadableStream<Uint8Array> {
  const view = givenView ?? ((event: StreamEvent) => event);
  // A view without a key is shared with no other stream.
  const viewKey = givenViewKey ?? (givenView ? `stream:${++streamSerial}` : "all");
  let cleanup = (): void => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let lastSent = 0;
      let caughtUp = false;
      const pending: StreamEvent[] = [];

      const send = (events: StreamEvent[]): void => {
        for (const e of events) {
          if (closed || e.id <= lastSent) continue;
          lastSent = e.id;
          const bytes = framed(e, viewKey, view);
          if (!bytes) continue;
          controller.enqueue(bytes);
          recordSseEventSent(caughtUp ? e.createdAt : null);
        }
      };
      const replayFromDatabase = async (): Promise<void> => {
        for (;;) {
          const batch = await readEventsAfter(lastSent, 500);
          send(batch);
          if (batch.length < 500 || closed) return;
        }
      };
      const hub = eventHub();
      // Counted before the first await, so a thousand streams opening at once see each other.
      openStreams += 1;
      sseClientOpened();
      let unsubscribe = (): void => {};
      let unregister = (): void => {};
      const heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(`: ping ${Date.now()}\n\n`));
      }, heartbeatMs);
      cleanup = () => {
        if (closed) return;
        closed = true;
        openStreams -= 1;
        unregister();
        sseClientClosed();
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // Already closed by the client going away.
        }
      };
      signal.addEventListener("abort", cleanup, { once: true });
      const unsubscribeHub = await hub.subscribe((events) => {
        if (caughtUp) send(events);
        else pending.push(...events);
      });
      unsubscribe = unsubscribeHub;
      if (closed) {
        unsubscribeHub();
        return;
      }
      unregister = register(owner, limits.perOwner, () => {
        if (!closed) controller.enqueue(control("superseded"));
        cleanup();
      });

      controller.enqueue(encoder.encode("retry: 2000\n\n"));
      if (lastEventId === null) {
        lastSent = hub.position;
      } else if (hub.position - lastEventId > limits.maxReplay) {
        // Ids only grow, so the distance bounds the backlog without counting it.
        lastSent = hub.position;
        controller.enqueue(control("resync", lastSent));
      } else {
        lastSent = lastEventId;
        // A thousand browsers reconnecting at once replay from the hub's memory, not the database.
        const remembered = hub.replayAfter(lastEventId);
        if (remembered) send(remembered);
        else await replayFromDatabase();
      }
      caughtUp = true;
      send(pending.splice(0));
    },
    cancel() {
      cleanup();
    },
  });
}

export function parseLastEventId(header: string | null, query: string | null): number | null {
  const raw = header ?? query;
  if (raw === null || raw === "") return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}
