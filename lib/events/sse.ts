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

export interface SseOptions {
  lastEventId: number | null;
  signal: AbortSignal;
  heartbeatMs?: number;
  /** What this browser may see of an event; null skips it. The caller brings the rule (kernels know no roles). */
  view?: (event: StreamEvent) => StreamEvent | null;
}

/**
 * A stream of events for one browser: first everything after Last-Event-ID from the
 * database, then live events from the process-wide hub, without gap or duplicate.
 */
export function eventStream({ lastEventId, signal, heartbeatMs = 15_000, view = (event) => event }: SseOptions): ReadableStream<Uint8Array> {
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
          const visible = view(e);
          if (!visible) continue;
          controller.enqueue(frame(visible));
          recordSseEventSent(caughtUp ? e.createdAt : null);
        }
      };
      const hub = eventHub();
      sseClientOpened();
      const unsubscribe = await hub.subscribe((events) => {
        if (caughtUp) send(events);
        else pending.push(...events);
      });
      const heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(`: ping ${Date.now()}\n\n`));
      }, heartbeatMs);

      cleanup = () => {
        if (closed) return;
        closed = true;
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

      controller.enqueue(encoder.encode("retry: 2000\n\n"));
      if (lastEventId === null) {
        lastSent = hub.position;
      } else {
        lastSent = lastEventId;
        for (;;) {
          const batch = await readEventsAfter(lastSent, 500);
          send(batch);
          if (batch.length < 500 || closed) break;
        }
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
