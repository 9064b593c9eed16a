"use client";

import { createContext, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { CurrentThumbnail } from "@/lib/jobs/schemas";
import type { PrinterView } from "@/lib/printers/schemas";
import { useLiveEvent, useLiveOpened } from "@/lib/client/use-live";
import { usePrinter, usePrinters } from "@/lib/client/use-printers";
import { FleetStore } from "./fleet-store";
import { JobThumbnailsProvider } from "./job-thumbnails";

const FleetContext = createContext<FleetStore | null>(null);

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
    store.state(event.printerId, event.payload.state, event.createdAt);
  });
  useLiveEvent("printer.connection", (event) => {
    if (!event.printerId) return;
    store.connection(event.printerId, event.payload.online, event.payload.failure?.messageKey ?? null);
  });
  useLiveEvent("printer.bed", (event) => {
    if (!event.printerId) return;
    store.bed(event.printerId, event.payload.bed);
  });
  useLiveEvent("printer.changed", () => revalidate());

  // After a gap in the stream the events replayed by id bring the state back; a fresh
  // read covers printers added or removed meanwhile.
  useLiveOpened(revalidate, "reconnecting");
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
      {thumbnails ? <JobThumbnailsProvider store={store} initial={thumbnails}>{children}</JobThumbnailsProvider> : children}
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
      <JobThumbnailsProvider store={store} initial={thumbnails} printerId={initial.id}>
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
