"use client";

import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { Icon } from "@/components/shell/icons";
import { useLiveEvent } from "@/lib/client/use-live";
import { usePrinterThumbnails } from "@/lib/client/use-printers";
import type { CurrentThumbnail } from "@/lib/jobs/schemas";
import type { FleetStore } from "./fleet-store";

/**
 * A listing or download may bring a picture shortly after its event (the worker fetches
 * printer thumbnails right after listing): look a moment later, and once for a burst.
 */
const REFRESH_DELAY_MS = 1_500;

const ThumbnailContext = createContext<ReadonlyMap<string, CurrentThumbnail> | null>(null);

/**
 * Pictures of the files the page's printers are printing. The server resolves them for
 * the first render; afterwards one request covers every printer, made only when a
 * printer reports a file the lookup has not seen, or a file listing or download ends.
 */
export function JobThumbnailsProvider({
  store,
  initial,
  printerId,
  children,
}: {
  store: FleetStore;
  initial: CurrentThumbnail[];
  printerId?: string;
  children: React.ReactNode;
}) {
  const { thumbnails, refresh: refreshNow } = usePrinterThumbnails(initial, printerId);
  const byPrinter = useMemo(() => new Map(thumbnails.map((t) => [t.printerId, t])), [thumbnails]);

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      refreshNow();
    }, REFRESH_DELAY_MS);
  }, [refreshNow]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    },
    [],
  );

  // Each printer and file is looked up once: a file without a picture is not asked for again until files change.
  const asked = useRef(new Set<string>());
  useEffect(() => {
    const check = () => {
      for (const printer of store.all()) {
        const fileName = printer.live?.data?.fileName;
        if (!fileName || byPrinter.get(printer.id)?.fileName === fileName) continue;
        const key = `${printer.id}\n${fileName}`;
        if (asked.current.has(key)) continue;
        asked.current.add(key);
        refresh();
      }
    };
    check();
    return store.subscribeAll(check);
  }, [store, byPrinter, refresh]);

  useLiveEvent("files.synced", (event) => {
    if (!printerId || event.printerId === printerId) refresh();
  });
  useLiveEvent("file.download", (event) => {
    if (event.payload.status === "done") refresh();
  });

  return <ThumbnailContext.Provider value={byPrinter}>{children}</ThumbnailContext.Provider>;
}

/** The picture of the file a printer prints, while it still reports that file. */
function useJobThumbnail(printerId: string, fileName: string | null): string | null {
  const entry = useContext(ThumbnailContext)?.get(printerId);
  return entry && fileName && entry.fileName === fileName ? entry.thumbnailUrl : null;
}

/** The file's picture, or a neutral placeholder of the same size (no picture, no print, or it failed to load). */
export function JobThumbnail({
  printerId,
  fileName,
  jobName,
  className,
}: {
  printerId: string;
  fileName: string | null;
  jobName: string | null;
  className: string;
}) {
  const t = useTranslations("printers.live");
  const url = useJobThumbnail(printerId, fileName);
  const [failed, setFailed] = useState<string | null>(null);
  const box = `${className} shrink-0 rounded-md border border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-800`;
  if (url && failed !== url) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- an authenticated API picture; the optimizer would fetch it without the session
      <img
        src={url}
        alt={t("thumbnailAlt", { job: jobName ?? fileName ?? "" })}
        className={`${box} object-contain`}
        data-testid="job-thumbnail"
        decoding="async"
        onError={() => setFailed(url)}
      />
    );
  }
  return (
    <div role="img" aria-label={t("noThumbnail")} data-testid="job-thumbnail-placeholder" className={`${box} flex items-center justify-center text-slate-400 dark:text-slate-500`}>
      <Icon name="printer" className="h-1/2 w-1/2" />
    </div>
  );
}
