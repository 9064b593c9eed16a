"use client";

import { useEffect, useMemo, useState } from "react";
import { openLiveStream, LiveListeners, type LiveStatus } from "@/lib/client/live-stream";
import { LiveContext } from "@/lib/client/use-live";

/** Holds the app's one event stream (lib/client/live-stream.ts) and hands its events to useLiveEvent. */
export function LiveProvider({ children, initialEventId }: { children: React.ReactNode; initialEventId: number }) {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [listeners] = useState(() => new LiveListeners());
  const [firstEventId] = useState(initialEventId);

  useEffect(() => openLiveStream(firstEventId, (event) => listeners.dispatch(event), setStatus), [firstEventId, listeners]);

  const value = useMemo(() => ({ status, subscribe: listeners.subscribe }), [status, listeners]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
