"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Button, FormMessage } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { liveValues } from "@/components/printers/live-values";
import { StateBadge } from "@/components/printers/state-badge";
import { initialChoice, PrintChoiceFields, resolveChoice, type PrintChoice } from "./print-choices";
import { canPrint } from "@/lib/files/printable";
import type { FileView } from "@/lib/files/schemas";
import { addToQueue } from "@/lib/client/use-queue";
import { sendToPrinter, usePrintOptions } from "@/lib/client/use-files";
import { useLiveEvent } from "@/lib/client/use-live";
import { usePrinters } from "@/lib/client/use-printers";

type Outcome = { kind: "success" | "error"; text: string };

/** The message key of a file type under "files.types" ("gcode.3mf" has no dot there). */
const typeKey = (type: FileView["type"]) => type.replace(".", "");

/**
 * Sends a local copy to a printer, optionally printing it: printers that cannot print
 * the file's type are shown but not selectable. "Print after upload" no longer needs an
 * idle printer: the file is sent now and the start becomes a queue item for that
 * printer, which starts once the printer is free and its bed is confirmed clear. For
 * Bambu the plate and, with an AMS, the tray per filament of that plate, suggested by
 * type and colour and confirmed by the user. The outcome is the API's answer, localized.
 */
export function SendToPrinterDialog({ file, onClose }: { file: FileView; onClose: () => void }) {
  const t = useTranslations("files");
  const tState = useTranslations("printers.state");
  const errorMessage = useErrorMessage();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { printers, revalidate } = usePrinters();
  // Which trays are loaded must be current: reload on every change (SWR dedupes bursts).
  useLiveEvent("printer.state", revalidate);
  useLiveEvent("printer.connection", revalidate);
  const fileId = file.localFileId ?? file.id;
  const options = usePrintOptions(fileId);
  const [printerId, setPrinterId] = useState("");
  const [start, setStart] = useState(false);
  const [choice, setChoice] = useState<PrintChoice>(initialChoice());
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const enabled = (printers ?? []).filter((p) => p.enabled);
  const printer = enabled.find((p) => p.id === printerId);
  const live = printer ? liveValues(printer) : null;
  const resolved = resolveChoice(options, printer, choice);
  const ready = printer !== undefined && (!start || resolved.ready) && !sending;

  const choosePrinter = (id: string) => {
    setPrinterId(id);
    setStart(false);
    setChoice(initialChoice());
    setOutcome(null);
  };

  const send = async () => {
    if (!printer) return;
    setSending(true);
    try {
      // Queued first: a start the queue refuses (a file that fits no printer) sends nothing.
      if (start) {
        await addToQueue({
          fileId,
          printerId: printer.id,
          ...(resolved.plate ? { plate: resolved.plate.index } : {}),
          ...(resolved.amsMapping ? { amsMapping: resolved.amsMapping } : {}),
        });
      }
      await sendToPrinter(fileId, { printerId: printer.id, start: false });
      setOutcome({ kind: "success", text: t(start ? "send.queuedAndStart" : "send.queued", { name: file.name, printer: printer.name }) });
    } catch (err) {
      setOutcome({ kind: "error", text: errorMessage(err) });
    }
    setSending(false);
  };

  const printerOptions = [
    { value: "", label: t("send.choosePrinter") },
    ...enabled.map((p) => ({
      value: p.id,
      label: canPrint(p.kind, file.type)
        ? t("send.printerOption", { name: p.name, state: tState(liveValues(p).state) })
        : t("send.printerCannotPrint", { name: p.name, type: t(`types.${typeKey(file.type)}`) }),
      disabled: !canPrint(p.kind, file.type),
    })),
  ];

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid="send-dialog"
      onClose={onClose}
      className="m-auto w-[min(34rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {t("send.title")}
      </h2>
      <p className="mt-1 truncate text-sm text-slate-700 dark:text-slate-300" title={file.name}>
        {t("send.file", { name: file.name })}
      </p>
      <div className="mt-4 space-y-4">
        {printers && enabled.length === 0 ? <p className="text-sm">{t("send.noPrinters")}</p> : null}
        <PrinterSelect label={t("send.printer")} value={printerId} options={printerOptions} onChange={choosePrinter} />
        {printer && live ? (
          <p className="flex items-center gap-2 text-sm" data-testid="send-printer-state">
            {t("send.state")} <StateBadge state={live.state} />
          </p>
        ) : null}
        {printer ? (
          <div className="space-y-1">
            <label className="flex items-center gap-2 text-sm font-medium">
              <input type="checkbox" checked={start} onChange={(e) => setStart(e.target.checked)} aria-describedby={`${titleId}-start-hint`} data-testid="send-start" />
              {t("send.start")}
            </label>
            <p id={`${titleId}-start-hint`} className="text-xs text-slate-600 dark:text-slate-400" data-testid="send-start-hint">
              {t("send.startQueued")}
            </p>
          </div>
        ) : null}
        {start ? <PrintChoiceFields options={options} printer={printer} choice={choice} onChange={setChoice} /> : null}
        {outcome ? (
          <FormMessage kind={outcome.kind} testId="send-outcome">
            {outcome.text}
          </FormMessage>
        ) : null}
      </div>
      <div className="mt-6 flex justify-end gap-2">
        <Button variant="secondary" onClick={() => ref.current?.close()} data-testid="send-close">
          {t("send.close")}
        </Button>
        <Button onClick={() => void send()} disabled={!ready || outcome?.kind === "success"} data-testid="send-submit">
          {sending ? t("send.sending") : t(start ? "send.submitAndPrint" : "send.submit")}
        </Button>
      </div>
    </dialog>
  );
}

/** SelectField takes no disabled options; printers that cannot print the file stay visible but unselectable. */
function PrinterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: { value: string; label: string; disabled?: boolean }[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-900"
        data-testid="send-printer"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
