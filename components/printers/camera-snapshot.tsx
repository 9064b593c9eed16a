"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useFormat } from "@/lib/format/use-format";
import { useLivePrinter } from "./fleet-provider";

const REFRESH_MS = 5_000;

type Snapshot = { kind: "loading" } | { kind: "none" } | { kind: "unavailable" } | { kind: "image"; url: string; at: Date };

/**
 * The camera of an enabled printer. A disabled one has none to show: no fetches, and no
 * last image kept as if it were current; enabling it again starts from a fresh fetch.
 */
export function CameraSnapshot({ printerId }: { printerId: string }) {
  const enabled = useLivePrinter(printerId)?.enabled ?? false;
  return enabled ? <CameraFeed printerId={printerId} /> : null;
}

/**
 * The camera image, fetched again every few seconds while the page is visible. A hidden
 * tab asks for nothing, so a forgotten browser tab costs the printer no camera fetches.
 */
function CameraFeed({ printerId }: { printerId: string }) {
  const t = useTranslations("printers.camera");
  const f = useFormat();
  const [snapshot, setSnapshot] = useState<Snapshot>({ kind: "loading" });

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let url: string | null = null;
    let stopped = false;
    const load = async () => {
      timer = null;
      if (document.visibilityState !== "visible") return;
      try {
        const response = await fetch(`/api/printers/${encodeURIComponent(printerId)}/snapshot`, { cache: "no-store" });
        if (stopped) return;
        if (response.status === 404) {
          setSnapshot({ kind: "none" });
          return;
        }
        if (!response.ok) setSnapshot((s) => (s.kind === "image" ? s : { kind: "unavailable" }));
        else {
          const next = URL.createObjectURL(await response.blob());
          if (stopped) return URL.revokeObjectURL(next);
          if (url) URL.revokeObjectURL(url);
          url = next;
          setSnapshot({ kind: "image", url: next, at: new Date() });
        }
      } catch {
        if (!stopped) setSnapshot((s) => (s.kind === "image" ? s : { kind: "unavailable" }));
      }
      if (!stopped && document.visibilityState === "visible") timer = setTimeout(() => void load(), REFRESH_MS);
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible" && timer === null) void load();
      if (document.visibilityState !== "visible" && timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
    };
    void load();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisibility);
      if (url) URL.revokeObjectURL(url);
    };
  }, [printerId]);

  if (snapshot.kind === "none") return null;
  return (
    <section aria-labelledby="camera-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id="camera-heading" className="mb-3 text-lg font-semibold">
        {t("title")}
      </h2>
      <div className="flex aspect-video items-center justify-center overflow-hidden rounded-lg bg-slate-100 dark:bg-slate-800">
        {snapshot.kind === "image" ? (
          // eslint-disable-next-line @next/next/no-img-element -- a blob: URL refreshed every few seconds; next/image cannot optimize it
          <img src={snapshot.url} alt={t("alt")} className="h-full w-full object-contain" data-testid="camera-image" />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{snapshot.kind === "loading" ? t("loading") : t("unavailable")}</p>
        )}
      </div>
      {snapshot.kind === "image" ? (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">{t("takenAt", { time: f.time(snapshot.at, true) })}</p>
      ) : null}
    </section>
  );
}
