"use client";

import { createContext, useContext, useState } from "react";
import { useLiveEvent } from "@/lib/client/use-live";
import { useMountedNow } from "@/lib/client/use-mounted-now";
import { useFormat } from "@/lib/format/use-format";
import { elapsedSecondsOf } from "./elapsed";

const JobStartsContext = createContext<Readonly<Record<string, string>>>({});

/** The start of each printer's open job, from the server and then from the job events. */
export function JobStartsProvider({ initial, children }: { initial: Record<string, string>; children: React.ReactNode }) {
  const [starts, setStarts] = useState(initial);
  useLiveEvent("job.started", (event) => {
    const printerId = event.printerId;
    if (printerId) setStarts((s) => ({ ...s, [printerId]: event.payload.startedAt }));
  });
  useLiveEvent("job.finished", (event) => {
    const printerId = event.printerId;
    if (printerId) setStarts(({ [printerId]: _ended, ...rest }) => rest);
  });
  return <JobStartsContext.Provider value={starts}>{children}</JobStartsContext.Provider>;
}

/** How long the printer's current print has been running; its own element, so only it ticks each second. */
export function ElapsedTime({ printerId, reported }: { printerId: string; reported: number | null }) {
  const start = useContext(JobStartsContext)[printerId] ?? null;
  const now = useMountedNow();
  const f = useFormat();
  const seconds = elapsedSecondsOf(reported, start, now);
  return seconds === null ? null : <>{f.duration(seconds)}</>;
}
