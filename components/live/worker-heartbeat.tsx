"use client";

import { useFormatter, useNow, useTranslations } from "next-intl";
import { useState } from "react";
import { useLiveEvent } from "@/lib/client/use-live";
import { useFormat } from "@/lib/format/use-format";

export interface WorkerHeartbeatProps {
  initial: { holder: string | null; heartbeatAt: string | null };
  staleMs: number;
}

/** The worker's pulse, arriving live over the event stream. */
export function WorkerHeartbeat({ initial, staleMs }: WorkerHeartbeatProps) {
  const t = useTranslations("dashboard.worker");
  const format = useFormatter();
  const f = useFormat();
  const now = useNow({ updateInterval: 1_000 });
  const [beat, setBeat] = useState(initial);
  const [count, setCount] = useState(0);

  useLiveEvent("worker.heartbeat", (event) => {
    setBeat({ holder: event.payload.holder, heartbeatAt: event.payload.at });
    setCount((c) => c + 1);
  });

  const at = beat.heartbeatAt ? new Date(beat.heartbeatAt) : null;
  const ageMs = at ? now.getTime() - at.getTime() : null;
  const healthy = ageMs !== null && ageMs < staleMs;

  return (
    <section
      aria-labelledby="worker-heading"
      data-testid="worker-heartbeat"
      data-healthy={healthy}
      data-beats={count}
      className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="worker-heading" className="text-base font-semibold">
        {t("title")}
      </h2>
      <p className="mt-2 flex items-center gap-2 text-sm">
        <span
          aria-hidden="true"
          className={`inline-block h-3 w-3 rounded-full ${healthy ? "animate-pulse bg-emerald-500" : "bg-red-500"}`}
        />
        <span data-testid="worker-state">{healthy ? t("healthy") : at ? t("stale") : t("never")}</span>
      </p>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500 dark:text-slate-400">{t("lastBeat")}</dt>
        <dd data-testid="worker-last-beat">
          {at ? `${f.time(at, true)} (${format.relativeTime(at, now)})` : "–"}
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">{t("holder")}</dt>
        <dd className="truncate font-mono text-xs leading-5">{beat.holder ?? "–"}</dd>
        <dt className="text-slate-500 dark:text-slate-400">{t("received")}</dt>
        <dd data-testid="worker-beat-count">{f.number(count)}</dd>
      </dl>
    </section>
  );
}
