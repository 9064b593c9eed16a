"use client";

import { createContext, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useLive, useLiveEvent } from "@/components/live/live-provider";
import { normalizedStateSchema } from "@/lib/printers/types";
import type { CurrentThumbnail } from "@/lib/jobs/schemas";
import type { PrinterView } from "@/lib/printers/schemas";
import { usePrinter } from "@/lib/swr/use-printer";
import { usePrinters } from "@/lib/swr/use-printers";
import { FleetStore } from "./fleet-store";
import { JobThumbnailsProvider } from "./job-thumbnails";
import { z } from "zod";

const FleetContext = createContext<FleetStore | null>(null);

const statePayload = z.object({ state: normalizedStateSchema });
const connectionPayload = z.object({
  online: z.boolean(),
  failure: z.object({ messageKey: z.string() }).nullable(),
});

function useFleetStore(list: PrinterView[] | undefined, revalidate: () => void): FleetStore {
  const [store] = useState(() => new FleetStore(list ?? []));
  const seen = useRef(list);
  useEffect(() => {
    if (list && list !== seen.current) {
      seen.current = list;
      store.replace(list);
    }
  }, [list, store]);
  useEffect(() => () => store.dispose(), [store]);

  useLiveEvent("printer.state", (event) => {
    if (!event.printerId) return;
    const parsed = statePayload.safeParse(event.payload);
    if (parsed.success) store.state(event.printerId, parsed.data.state, event.createdAt);
  });
  useLiveEvent("printer.connection", (event) => {
    if (!event.printerId) return;
    const parsed = connectionPayload.safeParse(event.payload);
    if (parsed.success) store.connection(event.printerId, parsed.data.online, parsed.data.failure?.messageKey ?? null);
  });
  useLiveEvent("printer.changed", () => revalidate());

  // After a gap in the stream the events replayed by id bring the state back; a fresh
  // read covers printers added or removed meanwhile.
  const { status } = useLive();
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current === "reconnecting" && status === "open") revalidate();
    previous.current = status;
  }, [status, revalidate]);
  return store;
}

/** Live state of every printer (dashboard, printers list); with `thumbnails`, also the pictures of what they print. */
export function FleetProvider({
  initial,
  thumbnails,
  children,
}: {
  initial: PrinterView[];
  thumbnails?: CurrentThumbnail[];
  children: React.ReactNode;
}) {
  const { printers, revalidate } = usePrinters(initial);
  const store = useFleetStore(printers, revalidate);
  return (
    <FleetContext.Provider value={store}>
      {thumbnails ? <JobThumbnailsProvider initial={thumbnails}>{children}</JobThumbnailsProvider> : children}
    </FleetContext.Provider>
  );
}

/** Live state of one printer (its own page) and the picture of what it prints. */
export function SinglePrinterProvider({
  initial,
  thumbnails,
  children,
}: {
  initial: PrinterView;
  thumbnails: CurrentThumbnail[];
  children: React.ReactNode;
}) {
  const { printer, revalidate } = usePrinter(initial.id, initial);
  const list = useMemo(() => (printer ? [printer] : undefined), [printer]);
  const store = useFleetStore(list, revalidate);
  return (
    <FleetContext.Provider value={store}>
      <JobThumbnailsProvider initial={thumbnails} printerId={initial.id}>
        {children}
      </JobThumbnailsProvider>
    </FleetContext.Provider>
  );
}

export function useFleet(): FleetStore {
  const store = useContext(FleetContext);
  if (!store) throw new Error("useFleet must be used inside FleetProvider");
  return store;
}

/** One printer, re-rendering only when that printer changes. */
export function useLivePrinter(id: string): PrinterView | undefined {
  const store = useFleet();
  return useSyncExternalStore(
    (cb) => store.subscribe(id, cb),
    () => store.get(id),
    () => store.get(id),
  );
}

/** Re-renders once per applied batch; for views over the whole fleet (summary, filters). */
export function useFleetVersion(): number {
  const store = useFleet();
  return useSyncExternalStore(store.subscribeAll, store.getVersion, store.getVersion);
}
