"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, FormMessage } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { Icon } from "@/components/shell/icons";
import { sendCommand } from "@/lib/client/use-printers";
import type { PrinterAction } from "@/lib/printers/types";
import { ConfirmDialog } from "./confirm-dialog";
import { useLivePrinter } from "./fleet-provider";
import { liveValues } from "./live-values";
import { usePrinterErrorText } from "./printer-error-text";

/** Pause, resume, stop and light. Rendered for operators and admins only; the API refuses viewers anyway. */
export function PrinterControls({ id }: { id: string }) {
  const printer = useLivePrinter(id);
  const t = useTranslations("printers.controls");
  const errorMessage = useErrorMessage();
  const errorText = usePrinterErrorText();
  const [busy, setBusy] = useState<PrinterAction | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [confirmStop, setConfirmStop] = useState(false);
  if (!printer) return null;
  const { state, data, disabled } = liveValues(printer);

  const run = async (action: PrinterAction) => {
    setBusy(action);
    setMessage(null);
    try {
      const result = await sendCommand(id, action);
      if (result.status === "failed") setMessage({ kind: "error", text: errorText(result.error) || t("failed") });
      else setMessage({ kind: "success", text: result.status === "succeeded" ? t(`done.${action}`) : t("queued") });
    } catch (error) {
      setMessage({ kind: "error", text: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const canPause = state === "printing" || state === "preparing";
  const canResume = state === "paused";
  const canStop = state === "printing" || state === "paused" || state === "preparing";
  // A disabled printer's buttons are grey rather than in their action colours, and say why they are off, on hover and to screen readers.
  const why = disabled ? { variant: "secondary" as const, title: t("disabledHint"), "aria-describedby": "controls-disabled-hint" } : {};
  return (
    <div className="mt-5 border-t border-slate-200 pt-4 dark:border-slate-800" data-testid="printer-controls">
      <h3 className="sr-only">{t("title")}</h3>
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => void run("pause")} disabled={!canPause || busy !== null} data-testid="control-pause" {...why}>
          <Icon name="pause" className="mr-1.5 h-4 w-4" />
          {t("pause")}
        </Button>
        <Button onClick={() => void run("resume")} disabled={!canResume || busy !== null} data-testid="control-resume" {...why}>
          <Icon name="play" className="mr-1.5 h-4 w-4" />
          {t("resume")}
        </Button>
        <Button variant="danger" onClick={() => setConfirmStop(true)} disabled={!canStop || busy !== null} data-testid="control-stop" {...why}>
          <Icon name="stop" className="mr-1.5 h-4 w-4" />
          {t("stop")}
        </Button>
        {data.lightOn !== null ? (
          <Button
            variant="secondary"
            onClick={() => void run(data.lightOn ? "light_off" : "light_on")}
            disabled={busy !== null || state === "offline"}
            aria-pressed={data.lightOn}
            data-testid="control-light"
          >
            <Icon name="light" className="mr-1.5 h-4 w-4" />
            {data.lightOn ? t("lightOff") : t("lightOn")}
          </Button>
        ) : null}
      </div>
      {disabled ? (
        <p id="controls-disabled-hint" className="mt-2 text-sm text-slate-600 dark:text-slate-400" data-testid="controls-disabled-hint">
          {t("disabledHint")}
        </p>
      ) : null}
      {busy ? <p className="mt-2 text-sm text-slate-600 dark:text-slate-400" role="status">{t("sending")}</p> : null}
      {message ? (
        <div className="mt-3">
          <FormMessage kind={message.kind} testId="control-message">{message.text}</FormMessage>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirmStop}
        title={t("stopTitle")}
        body={t("stopBody", { job: data.jobName ?? "–" })}
        confirmLabel={t("stopConfirm")}
        cancelLabel={t("cancel")}
        danger
        onConfirm={() => void run("stop")}
        onClose={() => setConfirmStop(false)}
        testId="stop-dialog"
      />
    </div>
  );
}
