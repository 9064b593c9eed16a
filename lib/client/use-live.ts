"use client";

import { createContext, useContext, useEffect, useEffectEvent, useRef } from "react";
import type { EventType } from "@/lib/catalog/events";
import type { LiveEvent } from "./live-event";
import type { LiveListeners, LiveStatus } from "./live-stream";

export interface LiveContextValue {
  status: LiveStatus;
  subscribe: LiveListeners["subscribe"];
}

/** Filled by LiveProvider (components/live/live-provider.tsx), which owns the one stream. */
export const LiveContext = createContext<LiveContextValue | null>(null);

export function useLive(): LiveContextValue {
  const ctx = useContext(LiveContext);
  if (!ctx) throw new Error("useLive must be used inside LiveProvider");
  return ctx;
}

/** Calls `listener` with every event of `type`, its payload already checked against the event's schema. */
export function useLiveEvent<T extends EventType>(type: T, listener: (event: LiveEvent<T>) => void): void {
  const { subscribe } = useLive();
  const onEvent = useEffectEvent(listener);
  useEffect(() => subscribe(type, (event) => onEvent(event)), [subscribe, type]);
}

/**
 * Calls `onOpen` when the stream opens after being in one of the `after` states: events
 * replayed by id bring state back, but a list read through the API must be read again.
 */
export function useLiveOpened(onOpen: () => void, after: "reconnecting" | "connecting or reconnecting"): void {
  const { status } = useLive();
  const callback = useEffectEvent(onOpen);
  const previous = useRef(status);
  useEffect(() => {
    const wasClosed = after === "reconnecting" ? previous.current === "reconnecting" : previous.current !== "open";
    if (wasClosed && status === "open") callback();
    previous.current = status;
  }, [status, after]);
}
