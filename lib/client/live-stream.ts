import type { EventType } from "@/lib/catalog/events";
import { parseLiveEvent, type LiveEvent } from "./live-event";

export type LiveStatus = "connecting" | "open" | "reconnecting";
export type LiveListener = (event: LiveEvent) => void;

const RECONNECT_MS = [1_000, 2_000, 5_000, 10_000];

function isOfType<T extends EventType>(event: LiveEvent, type: T): event is LiveEvent<T> {
  return event.type === type;
}

/** The components listening to the stream, by event type. */
export class LiveListeners {
  private readonly byType = new Map<EventType, Set<LiveListener>>();

  /** An arrow, so components can hold it detached from the instance. */
  readonly subscribe = <T extends EventType>(type: T, listener: (event: LiveEvent<T>) => void): (() => void) => {
    let set = this.byType.get(type);
    if (!set) this.byType.set(type, (set = new Set()));
    const entry: LiveListener = (event) => {
      if (isOfType(event, type)) listener(event);
    };
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  };

  dispatch(event: LiveEvent): void {
    this.byType.get(event.type)?.forEach((listener) => listener(event));
  }
}

/**
 * One EventSource for the whole app. The browser resumes with Last-Event-ID on its own
 * after a network error; when the server refuses or the stream closes for good we open a
 * new one with ?lastEventId= so no event is lost, and duplicates are dropped by id.
 * The first connection starts at `initialEventId`, the newest event when the server
 * rendered the page, so nothing that happened between rendering and connecting is missed
 * (an idle printer that came online in that gap would otherwise look offline for good).
 * When the server finds the gap too long to replay it sends `resync` instead: `onResync`
 * reloads the state. A `superseded` stream (the user opened too many) stays closed.
 * Returns the function that closes it.
 */
export function openLiveStream(
  initialEventId: number,
  onEvent: (event: LiveEvent) => void,
  onStatus: (status: LiveStatus) => void,
  onResync: () => void,
): () => void {
  let lastId = initialEventId;
  let source: EventSource | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const dispatch = (raw: MessageEvent<string>) => {
    const event = parseLiveEvent(raw.data);
    if (!event || event.id <= lastId) return;
    lastId = event.id;
    onEvent(event);
  };

  const connect = () => {
    source = new EventSource(`/api/events?lastEventId=${lastId}`);
    source.onopen = () => {
      attempt = 0;
      onStatus("open");
    };
    source.onmessage = dispatch;
    source.addEventListener("resync", (raw) => {
      const id = Number(raw.lastEventId);
      if (Number.isSafeInteger(id) && id > lastId) lastId = id;
      onResync();
    });
    source.addEventListener("superseded", () => {
      disposed = true;
      source?.close();
      onStatus("reconnecting");
    });
    source.onerror = () => {
      onStatus("reconnecting");
      if (source?.readyState === EventSource.CLOSED && !disposed) {
        source.close();
        const delay = RECONNECT_MS[Math.min(attempt++, RECONNECT_MS.length - 1)];
        timer = setTimeout(connect, delay);
      }
    };
  };
  connect();
  return () => {
    disposed = true;
    if (timer) clearTimeout(timer);
    source?.close();
  };
}
