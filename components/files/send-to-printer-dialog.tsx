"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Button, FormMessage, SelectField } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { liveValues } from "@/components/printers/live-values";
import { StateBadge } from "@/components/printers/state-badge";
import { EXTERNAL_SPOOL, mappingArray, suggestMapping, trayIndexOf, trayName } from "@/lib/files/ams-mapping";
import { canPrint } from "@/lib/files/printable";
import type { FileView, PrintOptions, UploadBody } from "@/lib/files/schemas";
import type { PrinterView } from "@/lib/printers/schemas";
import { hasCapability } from "@/lib/printers/registry";
import { canStartPrint } from "@/lib/printers/startable";
import { sendToPrinter, usePrintOptions } from "@/lib/client/use-files";
import { useLiveEvent } from "@/lib/client/use-live";
import { usePrinters } from "@/lib/client/use-printers";

type Outcome = { kind: "success" | "error"; text: string };
type Plate = PrintOptions["plates"][number];

/** The message key of a file type under "files.types" ("gcode.3mf" has no dot there). */
const typeKey = (type: FileView["type"]) => type.replace(".", "");

/** Loaded AMS trays of a printer as ams_mapping targets (the external spool is offered separately). */
function amsTrays(printer: PrinterView) {
  return liveValues(printer)
    .data.filament.map((slot) => ({ slot, index: trayIndexOf(slot.id), name: trayName(slot.id) }))
    .filter((tray): tray is typeof tray & { index: number; name: string } => tray.index !== null && tray.index !== EXTERNAL_SPOOL && tray.name !== null);
}

/**
 * Sends a local copy to a printer, optionally printing it: printers that cannot print
 * the file's type are shown but not selectable; "print after upload" follows the
 * API's rule (ready, finished, failed or cancelled); for Bambu the plate and, with an
 * AMS, the tray per filament of that plate, suggested by type and colour and
 * confirmed by the user. The outcome is the API's answer, localized.
 */
export function SendToPrinterDialog({ file, onClose }: { file: FileView; onClose: () => void }) {
  const t = useTranslations("files");
  const tState = useTranslations("printers.state");
  const errorMessage = useErrorMessage();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { printers, revalidate } = usePrinters();
  // Whether a print can start, and which trays are loaded, must be current: reload on every change (SWR dedupes bursts).
  useLiveEvent("printer.state", revalidate);
  useLiveEvent("printer.connection", revalidate);
  const fileId = file.localFileId ?? file.id;
  const options = usePrintOptions(fileId);
  const [printerId, setPrinterId] = useState("");
  const [start, setStart] = useState(false);
  const [plateIndex, setPlateIndex] = useState(1);
  const [chosen, setChosen] = useState<Record<number, number>>({});
  const [confirmed, setConfirmed] = useState(false);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const enabled = (printers ?? []).filter((p) => p.enabled);
  const printer = enabled.find((p) => p.id === printerId);
  const live = printer ? liveValues(printer) : null;
  const online = live !== null && live.state !== "offline";
  const startable = live !== null && canStartPrint({ online, state: live.state });
  const plateChoice = printer !== undefined && hasCapability(printer.kind, "plates");
  const traysChoice = printer !== undefined && hasCapability(printer.kind, "amsMapping");
  const plates = options?.plates ?? [];
  const plate: Plate | undefined = plates.find((p) => p.index === plateIndex) ?? plates[0];
  const trays = printer && traysChoice ? amsTrays(printer) : [];
  const mapping = traysChoice && start && trays.length > 0 && plate !== undefined && plate.filaments.length > 0;
  const suggested = plate && printer ? suggestMapping(plate.filaments, liveValues(printer).data.filament) : [];
  const trayOf = (slot: number, i: number) => chosen[slot] ?? suggested[i] ?? EXTERNAL_SPOOL;
  const ready = printer !== undefined && (!start || startable) && (!mapping || confirmed) && !sending;

  const choosePrinter = (id: string) => {
    setPrinterId(id);
    setStart(false);
    setChosen({});
    setConfirmed(false);
    setOutcome(null);
  };

  const send = async () => {
    if (!printer) return;
    const body: UploadBody = { printerId: printer.id, start };
    if (start && plateChoice && plate) {
      body.plate = plate.index;
      if (mapping) body.amsMapping = mappingArray(plate.filaments.map((f, i) => ({ slot: f.slot, tray: trayOf(f.slot, i) })));
    }
    setSending(true);
    try {
      await sendToPrinter(fileId, body);
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
              <input type="checkbox" checked={start} disabled={!startable} onChange={(e) => setStart(e.target.checked)} aria-describedby={startable ? undefined : `${titleId}-start-reason`} data-testid="send-start" />
              {t("send.start")}
            </label>
            {!startable && live ? (
              <p id={`${titleId}-start-reason`} className="text-xs text-slate-600 dark:text-slate-400" data-testid="send-start-reason">
                {online ? t("send.startBusy", { state: tState(live.state) }) : t("send.startOffline")}
              </p>
            ) : null}
          </div>
        ) : null}
        {start && plateChoice && plates.length > 1 ? (
          <SelectField
            label={t("send.plate")}
            value={String(plate?.index ?? 1)}
            onChange={(e) => {
              setPlateIndex(Number(e.target.value));
              setChosen({});
              setConfirmed(false);
            }}
            options={plates.map((p) => ({ value: String(p.index), label: p.name ? t("send.plateOptionNamed", { index: p.index, name: p.name }) : t("send.plateOption", { index: p.index }) }))}
            data-testid="send-plate"
          />
        ) : null}
        {start && traysChoice && trays.length > 0 && plate && plate.filaments.length === 0 ? <p className="text-sm">{t("send.noPlateFilaments")}</p> : null}
        {mapping && plate ? (
          <fieldset className="space-y-2" data-testid="send-mapping">
            <legend className="text-sm font-medium">{t("send.mappingTitle")}</legend>
            <p className="text-xs text-slate-600 dark:text-slate-400">{t("send.mappingHint")}</p>
            <table className="w-full text-sm">
              <thead className="text-left text-xs text-slate-600 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1">{t("columns.filament")}</th>
                  <th scope="col" className="py-1">{t("send.mappingTray")}</th>
                </tr>
              </thead>
              <tbody>
                {plate.filaments.map((filament, i) => (
                  <tr key={filament.slot} data-testid="send-mapping-row">
                    <th scope="row" className="py-1 pr-2 text-left font-normal">
                      <span className="inline-flex items-center gap-2">
                        <span aria-hidden="true" className="inline-block h-4 w-4 rounded-sm border border-slate-400" style={{ backgroundColor: filament.color ?? "transparent" }} />
                        {t("send.mappingFilament", { slot: filament.slot })}: {filament.type ?? t("send.unknownType")}
                        {filament.color ? <span className="text-xs text-slate-500 dark:text-slate-400">{filament.color}</span> : null}
                      </span>
                    </th>
                    <td className="py-1">
                      <select
                        aria-label={t("send.mappingTrayFor", { slot: filament.slot })}
                        className="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
                        value={String(trayOf(filament.slot, i))}
                        onChange={(e) => {
                          setChosen((prev) => ({ ...prev, [filament.slot]: Number(e.target.value) }));
                          setConfirmed(false);
                        }}
                        data-testid="send-mapping-tray"
                      >
                        {trays.map((tray) => (
                          <option key={tray.slot.id} value={String(tray.index)}>
                            {tray.slot.type
                              ? t("send.trayOption", { tray: tray.name, type: [tray.slot.type, tray.slot.color].filter(Boolean).join(" ") })
                              : t("send.trayEmpty", { tray: tray.name })}
                          </option>
                        ))}
                        <option value={String(EXTERNAL_SPOOL)}>{t("send.externalSpool")}</option>
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="send-mapping-confirm" />
              {t("send.confirmMapping")}
            </label>
          </fieldset>
        ) : null}
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
