"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { z } from "zod";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { usePrinterErrorText } from "@/components/printers/printer-error-text";
import { Icon } from "@/components/shell/icons";
import { syncPrinterFiles } from "@/lib/client/use-files";
import { useLiveEvent } from "@/lib/client/use-live";
import type { EventPayload } from "@/lib/catalog/events";
import type { syncCountsSchema } from "@/lib/files/schemas";

/** A listing the worker has not answered within this long is reported as unanswered (worker down or busy). */
const NO_ANSWER_MS = 60_000;

type Finished = EventPayload<"command.finished">;
/** Outcomes kept for requests still on their way (a few at most; bounded against a flood of events). */
const EARLY_KEPT = 20;

type Outcome = { tone: "busy" | "done" | "error"; text: string };
type Printer = { id: string; name: string };
type Counts = z.infer<typeof syncCountsSchema>;

/**
 * One "re-read" button per printer. The request waits briefly for the worker's answer;
 * a listing that takes longer is followed through its "command.finished" event. Every
 * outcome is shown: what was found, why the worker refused or failed, or that it has
 * not answered, one line per printer (the latest outcome of each). The list itself
 * refreshes on "files.synced".
 */
export function SyncButtons({ printers }: { printers: Printer[] }) {
  const t = useTranslations("files");
  const errorMessage = useErrorMessage();
  const printerError = usePrinterErrorText();
  const format = useFormatter();
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, Outcome>>(new Map());
  const setOutcome = (printer: Printer, outcome: Outcome) => setOutcomes((prev) => new Map(prev).set(printer.id, outcome));
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  // Commands still running after the request's wait, and outcomes that arrived before the request returned.
  const pending = useRef(new Map<number, { printer: Printer; timer: ReturnType<typeof setTimeout> }>());
  const early = useRef(new Map<number, Finished>());

  useEffect(() => {
    const open = pending.current;
    return () => open.forEach((p) => clearTimeout(p.timer));
  }, []);

  const found = (printer: Printer, counts: Counts): string => {
    const changes = [
      counts.added > 0 ? t("syncAdded", { count: counts.added }) : null,
      counts.changed > 0 ? t("syncChanged", { count: counts.changed }) : null,
      counts.gone > 0 ? t("syncGone", { count: counts.gone }) : null,
    ].filter((part) => part !== null);
    return changes.length === 0 ? t("syncUnchanged", { printer: printer.name }) : t("syncDone", { printer: printer.name, changes: format.list(changes) });
  };

  const settle = (printer: Printer, finished: { status: "succeeded" | "failed"; error: string | null }) => {
    setBusy((prev) => new Set([...prev].filter((id) => id !== printer.id)));
    setOutcome(
      printer,
      finished.status === "succeeded"
        ? { tone: "done", text: t("syncFinished", { printer: printer.name }) }
        : { tone: "error", text: t("syncFailed", { printer: printer.name, reason: printerError(finished.error) || t("actionFailed") }) },
    );
  };

  useLiveEvent("command.finished", (event) => {
    const finished = event.payload;
    if (finished.type !== "files.sync") return;
    const waiting = pending.current.get(finished.commandId);
    if (!waiting) {
      early.current.set(finished.commandId, finished);
      if (early.current.size > EARLY_KEPT) early.current.delete(early.current.keys().next().value ?? 0);
      return;
    }
    clearTimeout(waiting.timer);
    pending.current.delete(finished.commandId);
    settle(waiting.printer, finished);
  });

  const sync = async (printer: Printer) => {
    setBusy((prev) => new Set(prev).add(printer.id));
    setOutcome(printer, { tone: "busy", text: t("syncRequested", { printer: printer.name }) });
    try {
      const result = await syncPrinterFiles(printer.id);
      if (result.status === "succeeded" && result.counts) {
        setBusy((prev) => new Set([...prev].filter((id) => id !== printer.id)));
        setOutcome(printer, { tone: "done", text: found(printer, result.counts) });
      } else if (result.status === "succeeded" || result.status === "failed") {
        settle(printer, { status: result.status, error: result.error });
      } else {
        const known = early.current.get(result.commandId);
        early.current.delete(result.commandId);
        if (known) settle(printer, known);
        else {
          const timer = setTimeout(() => {
            pending.current.delete(result.commandId);
            setBusy((prev) => new Set([...prev].filter((id) => id !== printer.id)));
            setOutcome(printer, { tone: "error", text: t("syncNoAnswer", { printer: printer.name }) });
          }, NO_ANSWER_MS);
          pending.current.set(result.commandId, { printer, timer });
        }
      }
    } catch (err) {
      setBusy((prev) => new Set([...prev].filter((id) => id !== printer.id)));
      setOutcome(printer, { tone: "error", text: t("syncFailed", { printer: printer.name, reason: errorMessage(err) }) });
    }
  };

  if (printers.length === 0) return null;
  return (
    <section aria-label={t("syncTitle")} className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap justify-end gap-2">
        {printers.map((p) => (
          <button
            key={p.id}
            type="button"
            onClick={() => void sync(p)}
            disabled={busy.has(p.id)}
            className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-xs font-medium hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800"
            data-testid="files-sync"
          >
            <Icon name="refresh" className={`h-3.5 w-3.5 ${busy.has(p.id) ? "animate-spin" : ""}`} />
            {t("sync", { printer: p.name })}
          </button>
        ))}
      </div>
      <div role="status" aria-live="polite" className="text-right text-xs">
        {printers.map((p) => {
          const outcome = outcomes.get(p.id);
          if (!outcome) return null;
          return (
            <p
              key={p.id}
              data-testid="files-sync-status"
              data-printer={p.id}
              data-tone={outcome.tone}
              className={outcome.tone === "error" ? "text-red-800 dark:text-red-300" : outcome.tone === "done" ? "text-emerald-800 dark:text-emerald-300" : "text-slate-600 dark:text-slate-400"}
            >
              {outcome.text}
            </p>
          );
        })}
      </div>
    </section>
  );
}
