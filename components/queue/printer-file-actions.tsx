"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { ConfirmDialog } from "@/components/printers/confirm-dialog";
import { useLivePrinter } from "@/components/printers/fleet-provider";
import { usePrinterErrorText } from "@/components/printers/printer-error-text";
import { deletePrinterFile } from "@/lib/client/use-files";
import { fileInUse } from "@/lib/files/in-use";
import type { FileType } from "@/lib/files/schemas";
import { QueueDialog } from "./queue-dialog";

type Outcome = { tone: "done" | "busy" | "error"; text: string };

const printable = (type: FileType) => type === "gcode.3mf" || type === "gcode" || type === "bgcode";

/**
 * "Print" and "Delete" for one file on a printer's page. Print opens the queue dialog
 * with the file and this printer filled in, so the bed rule and the worker's dispatch
 * apply as for every queued print. Delete asks first and is not offered for the file
 * the printer is printing.
 */
export function PrinterFileActions({
  file,
  printer,
  canQueue,
  canDelete,
  canSeeCustomer,
}: {
  file: { id: string; name: string; path: string; type: FileType };
  printer: { id: string; name: string };
  canQueue: boolean;
  canDelete: boolean;
  canSeeCustomer: boolean;
}) {
  const t = useTranslations("queueUi");
  const errorMessage = useErrorMessage();
  const printerError = usePrinterErrorText();
  const live = useLivePrinter(printer.id);
  const [printing, setPrinting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const inUse = fileInUse(live?.live?.data ? { state: live.live.data.state, fileName: live.live.data.fileName } : null, file);

  const remove = async () => {
    setDeleting(true);
    setOutcome(null);
    try {
      const result = await deletePrinterFile(file.id);
      if (result.status === "succeeded") setOutcome({ tone: "done", text: t("printerFiles.deleted", { name: file.name }) });
      else if (result.status === "failed") setOutcome({ tone: "error", text: printerError(result.error) });
      else setOutcome({ tone: "busy", text: t("printerFiles.pending") });
    } catch (err) {
      setOutcome({ tone: "error", text: errorMessage(err) });
    }
    setDeleting(false);
  };

  return (
    <div className="col-span-full flex flex-wrap items-center justify-end gap-2 sm:col-span-1">
      {inUse ? (
        <span className="text-xs font-medium text-brand-700 dark:text-brand-100" data-testid="printer-file-in-use">
          {t("printerFiles.inUse")}
        </span>
      ) : null}
      {canQueue && printable(file.type) ? (
        <Button variant="secondary" className="px-2.5 py-1" aria-label={t("printerFiles.printNamed", { name: file.name })} onClick={() => setPrinting(true)} data-testid="printer-file-print">
          {t("printerFiles.print")}
        </Button>
      ) : null}
      {canDelete && !inUse ? (
        <Button
          variant="danger"
          className="px-2.5 py-1"
          aria-label={t("printerFiles.deleteNamed", { name: file.name })}
          disabled={deleting}
          onClick={() => setConfirming(true)}
          data-testid="printer-file-delete"
        >
          {deleting ? t("printerFiles.deleting") : t("printerFiles.delete")}
        </Button>
      ) : null}
      {outcome ? (
        <p
          role={outcome.tone === "error" ? "alert" : "status"}
          className={`basis-full text-right text-xs ${outcome.tone === "error" ? "text-red-800 dark:text-red-300" : "text-slate-700 dark:text-slate-300"}`}
          data-testid="printer-file-outcome"
        >
          {outcome.text}
        </p>
      ) : null}
      {printing ? (
        <QueueDialog
          title={t("dialog.printTitle", { name: file.name })}
          submitLabel={t("dialog.submitPrint")}
          file={{ id: file.id, name: file.name, type: file.type }}
          initial={{ printerId: printer.id }}
          canSeeCustomer={canSeeCustomer}
          onClose={() => setPrinting(false)}
        />
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={t("printerFiles.confirmTitle")}
        body={t("printerFiles.confirmBody", { name: file.name, printer: printer.name })}
        confirmLabel={t("printerFiles.delete")}
        cancelLabel={t("actions.keep")}
        danger
        onConfirm={() => void remove()}
        onClose={() => setConfirming(false)}
        testId="printer-file-confirm"
      />
    </div>
  );
}
