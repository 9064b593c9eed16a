"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Button, FormMessage, SelectField, TextField } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { initialChoice, PrintChoiceFields, resolveChoice, type PrintChoice } from "@/components/files/print-choices";
import { Link } from "@/i18n/navigation";
import { useFileSearch, usePrintOptions } from "@/lib/client/use-files";
import { usePrinters } from "@/lib/client/use-printers";
import { addToQueue } from "@/lib/client/use-queue";
import { canPrint } from "@/lib/files/printable";
import type { FileType } from "@/lib/files/schemas";

export interface QueueFile {
  id: string;
  name: string;
  type: FileType;
}

const printable = (type: FileType) => type === "gcode.3mf" || type === "gcode" || type === "bgcode";

type Outcome = { kind: "success" | "error"; text: string };

/**
 * Puts a file into the queue: the file (picked from GET /api/files unless given), the
 * target (one printer that can print the file's type, or any printer that fits), the
 * plate and, for a Bambu target with an AMS, the confirmed tray per filament, copies,
 * and the business fields (customer and order only for roles that may see them).
 * The printer page's "Print" and the job page's "Print again" open it with the file,
 * target, plate and mapping filled in.
 */
export function QueueDialog({
  title,
  submitLabel,
  file: fixedFile,
  initial,
  canSeeCustomer,
  onClose,
  testId = "queue-dialog",
}: {
  title: string;
  /** The submit button's label; "Add to queue" unless given. */
  submitLabel?: string;
  file?: QueueFile;
  initial?: { printerId?: string | null; plate?: number | null; amsMapping?: readonly number[] | null };
  canSeeCustomer: boolean;
  onClose: () => void;
  testId?: string;
}) {
  const t = useTranslations("queueUi.dialog");
  const errorMessage = useErrorMessage();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [search, setSearch] = useState("");
  const { files } = useFileSearch(fixedFile ? "" : search);
  const [pickedId, setPickedId] = useState("");
  const choices = (files ?? []).filter((f) => printable(f.type));
  const picked = choices.find((f) => f.id === pickedId);
  const file: QueueFile | undefined = fixedFile ?? (picked ? { id: picked.id, name: picked.name, type: picked.type } : undefined);
  const options = usePrintOptions(file?.id ?? null);
  const { printers } = usePrinters();
  const [printerId, setPrinterId] = useState(initial?.printerId ?? "");
  const [choice, setChoice] = useState<PrintChoice>(initialChoice(initial?.plate ?? 1, initial?.amsMapping));
  const [copies, setCopies] = useState("1");
  const [customer, setCustomer] = useState("");
  const [orderReference, setOrderReference] = useState("");
  const [businessUse, setBusinessUse] = useState(true);
  const [note, setNote] = useState("");
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const targets = (printers ?? []).filter((p) => p.enabled && (!file || canPrint(p.kind, file.type)));
  const printer = targets.find((p) => p.id === printerId);
  const resolved = resolveChoice(options, printer, choice);
  const copyCount = Number(copies);
  const copiesValid = Number.isInteger(copyCount) && copyCount >= 1 && copyCount <= 100;
  const ready = file !== undefined && resolved.ready && copiesValid && !sending && outcome?.kind !== "success";

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!file || !ready) return;
    const amsMapping = resolved.amsMapping ?? (printer ? undefined : (initial?.amsMapping ?? undefined));
    setSending(true);
    try {
      await addToQueue({
        fileId: file.id,
        ...(printer ? { printerId: printer.id } : {}),
        ...(resolved.plate ? { plate: resolved.plate.index } : initial?.plate ? { plate: initial.plate } : {}),
        ...(amsMapping ? { amsMapping: [...amsMapping] } : {}),
        copies: copyCount,
        businessUse,
        ...(canSeeCustomer && customer.trim() ? { customer: customer.trim() } : {}),
        ...(canSeeCustomer && orderReference.trim() ? { orderReference: orderReference.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setOutcome({ kind: "success", text: copyCount > 1 ? t("addedCopies", { count: copyCount, name: file.name }) : t("added", { name: file.name }) });
    } catch (err) {
      setOutcome({ kind: "error", text: errorMessage(err) });
    }
    setSending(false);
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      onClose={onClose}
      className="m-auto max-h-[calc(100vh-2rem)] w-[min(36rem,calc(100vw-2rem))] overflow-y-auto rounded-xl border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <form onSubmit={(e) => void submit(e)} className="mt-4 space-y-4" noValidate>
        {fixedFile ? (
          <p className="truncate text-sm text-slate-700 dark:text-slate-300" title={fixedFile.name} data-testid="queue-dialog-file">
            {t("file")}: <span className="font-medium">{fixedFile.name}</span>
          </p>
        ) : (
          <div className="space-y-2">
            <TextField label={t("fileSearch")} type="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="queue-file-search" />
            <SelectField
              label={t("file")}
              value={pickedId}
              onChange={(e) => {
                setPickedId(e.target.value);
                setChoice(initialChoice());
                setOutcome(null);
              }}
              options={[
                { value: "", label: files && choices.length === 0 ? t("noFiles") : t("chooseFile") },
                ...choices.map((f) => ({ value: f.id, label: t("fileOption", { name: f.name, where: f.printerName ?? t("localFile") }) })),
              ]}
              data-testid="queue-file"
            />
          </div>
        )}
        <SelectField
          label={t("target")}
          hint={t("targetHint")}
          value={printer ? printer.id : ""}
          onChange={(e) => {
            setPrinterId(e.target.value);
            setChoice((c) => ({ ...c, chosen: {}, confirmed: false }));
          }}
          options={[{ value: "", label: t("targetAny") }, ...targets.map((p) => ({ value: p.id, label: p.name }))]}
          data-testid="queue-target"
        />
        {file ? <PrintChoiceFields options={options} printer={printer} choice={choice} onChange={setChoice} testId="queue" /> : null}
        <TextField
          label={t("copies")}
          hint={copiesValid ? t("copiesHint") : t("invalidCopies")}
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          step={1}
          value={copies}
          aria-invalid={!copiesValid}
          onChange={(e) => setCopies(e.target.value)}
          data-testid="queue-copies"
        />
        {canSeeCustomer ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label={t("customer")} value={customer} maxLength={200} onChange={(e) => setCustomer(e.target.value)} data-testid="queue-customer" />
            <TextField label={t("orderReference")} value={orderReference} maxLength={200} onChange={(e) => setOrderReference(e.target.value)} data-testid="queue-order" />
          </div>
        ) : null}
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{t("use")}</legend>
          <div className="flex gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name={`${titleId}-use`} checked={businessUse} onChange={() => setBusinessUse(true)} data-testid="queue-business" />
              {t("business")}
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name={`${titleId}-use`} checked={!businessUse} onChange={() => setBusinessUse(false)} data-testid="queue-private" />
              {t("private")}
            </label>
          </div>
        </fieldset>
        <TextField label={t("note")} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} data-testid="queue-note" />
        <p className="text-xs text-slate-600 dark:text-slate-400">{t("bedHint")}</p>
        {outcome ? (
          <FormMessage kind={outcome.kind} testId="queue-outcome">
            {outcome.text}{" "}
            {outcome.kind === "success" ? (
              <Link href="/queue" className="font-medium underline">
                {t("openQueue")}
              </Link>
            ) : null}
          </FormMessage>
        ) : null}
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={() => ref.current?.close()} data-testid="queue-close">
            {t("close")}
          </Button>
          <Button type="submit" disabled={!ready} data-testid="queue-submit">
            {sending ? t("sending") : (submitLabel ?? t("submit"))}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
