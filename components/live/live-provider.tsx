"use client";

import { createContext, useCallback, useContext, useEffect, useEffectEvent, useMemo, useRef, useState } from "react";

export type LiveStatus = "connecting" | "open" | "reconnecting";

export interface LiveEvent {
  id: number;
  type: string;
  printerId: string | null;
  createdAt: string;
  payload: unknown;
}

type Listener = (event: LiveEvent) => void;

interface LiveContextValue {
  status: LiveStatus;
  subscribe: (type: string, listener: Listener) => () => void;
}

const LiveContext = createContext<LiveContextValue | null>(null);

const RECONNECT_MS = [1_000, 2_000, 5_000, 10_000];

/**
 * One EventSource for the whole app. The browser resumes with Last-Event-ID on its own
 * after a network error; when the server refuses or the stream closes for good we open a
 * new one with ?lastEventId= so no event is lost, and duplicates are dropped by id.
 * The first connection starts at `initialEventId`, the newest event when the server
 * rendered the page, so nothing that happened between rendering and connecting is missed
 * (an idle printer that came online in that gap would otherwise look offline for good).
 */
export function LiveProvider({ children, initialEventId }: { children: React.ReactNode; initialEventId: number }) {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const listeners = useRef(new Map<string, Set<Listener>>());
  const lastId = useRef<number>(initialEventId);

  useEffect(() => {
    let source: EventSource | null = null;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let disposed = false;

    const dispatch = (raw: MessageEvent<string>) => {
      const event = JSON.parse(raw.data) as LiveEvent;
      if (event.id <= lastId.current) return;
      lastId.current = event.id;
      for (const key of [event.type, "*"]) {
        listeners.current.get(key)?.forEach((l) => l(event));
      }
    };

    const connect = () => {
      const url = `/api/events?lastEventId=${lastId.current}`;
      source = new EventSource(url);
      source.onopen = () => {
        attempt = 0;
        setStatus("open");
      };
      source.onmessage = dispatch;
      source.onerror = () => {
        setStatus("reconnecting");
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
  }, []);

  const subscribe = useCallback((type: string, listener: Listener) => {
    let set = listeners.current.get(type);
    if (!set) listeners.current.set(type, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }, []);

  const value = useMemo(() => ({ status, subscribe }), [status, subscribe]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): LiveContextValue {
  const ctx = useContext(LiveContext);
  if (!ctx) throw new Error("useLive must be used inside LiveProvider");
  return ctx;
}

export function useLiveEvent(type: string, listener: Listener): void {
  const { subscribe } = useLive();
  const onEvent = useEffectEvent(listener);
  useEffect(() => subscribe(type, (e) => onEvent(e)), [subscribe, type]);
}
