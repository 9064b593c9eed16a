"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useLiveEvent } from "@/lib/client/use-live";
import { useMountedNow } from "@/lib/client/use-mounted-now";
import { useFormat } from "@/lib/format/use-format";
import { clampToNow, workerCondition, type WorkerConditionName, type WorkerSnapshot } from "./worker-condition";

export interface WorkerHeartbeatProps {
  initial: WorkerSnapshot;
  /** The server's clock when it rendered, used until the browser's clock takes over. */
  serverNow: string;
  staleMs: number;
}

const dot: Record<WorkerConditionName, string> = {
  running: "animate-pulse bg-emerald-500",
  standby: "bg-amber-500",
  unreachable: "bg-red-500",
  never: "bg-slate-400",
};

/** The worker's state in plain words, kept current by its heartbeat on the event stream. */
export function WorkerHeartbeat({ initial, serverNow, staleMs }: WorkerHeartbeatProps) {
  const t = useTranslations("dashboard.worker");
  const format = useFormatter();
  const f = useFormat();
  const now = useMountedNow();
  const [snapshot, setSnapshot] = useState(initial);
  const [beats, setBeats] = useState(0);

  useLiveEvent("worker.heartbeat", (event) => {
    setSnapshot({ heartbeatAt: event.payload.at, runningSince: event.payload.startedAt, released: false });
    setBeats((n) => n + 1);
  });

  const condition = workerCondition(snapshot, now ?? new Date(serverNow), staleMs);
  const since = condition.since;

  return (
    <section
      aria-labelledby="worker-heading"
      data-testid="worker-heartbeat"
      data-condition={condition.name}
      data-beats={beats}
      className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="worker-heading" className="text-base font-semibold">
        {t("title")}
      </h2>
      <p className="mt-2 flex items-center gap-2 text-sm">
        <span aria-hidden="true" className={`inline-block h-3 w-3 shrink-0 rounded-full ${dot[condition.name]}`} />
        <span data-testid="worker-state">{t(`state.${condition.name}`)}</span>
      </p>
      {since ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="worker-since">
          {t(`since.${condition.name}`, { time: f.dateTimeStyled(since, "short", "short") })}
          {now ? <span> ({format.relativeTime(clampToNow(since, now), now)})</span> : null}
        </p>
      ) : (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("neverHint")}</p>
      )}
    </section>
  );
}
