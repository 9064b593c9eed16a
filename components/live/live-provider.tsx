"use client";

import { useEffect, useMemo, useState } from "react";
import { useSWRConfig } from "swr";
import { openLiveStream, LiveListeners, type LiveStatus } from "@/lib/client/live-stream";
import { LiveContext } from "@/lib/client/use-live";

/** Holds the app's one event stream (lib/client/live-stream.ts) and hands its events to useLiveEvent. */
export function LiveProvider({ children, initialEventId }: { children: React.ReactNode; initialEventId: number }) {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [listeners] = useState(() => new LiveListeners());
  const [firstEventId] = useState(initialEventId);
  const { mutate } = useSWRConfig();

  useEffect(
    // Events were missed: every cached query is fetched again.
    () => openLiveStream(firstEventId, (event) => listeners.dispatch(event), setStatus, () => void mutate(() => true)),
    [firstEventId, listeners, mutate],
  );

  const value = useMemo(() => ({ status, subscribe: listeners.subscribe }), [status, listeners]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
