"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/auth/form-controls";
import { Icon } from "@/components/shell/icons";
import type { ReprintSource } from "@/lib/jobs/reprint";
import { QueueDialog } from "./queue-dialog";

/**
 * "Print again" on a job's page: the queue dialog with the job's file, plate and AMS
 * mapping, targeted at the same printer (or, chosen there, any printer that fits).
 * `open` shows the dialog at once (the job history's link).
 */
export function ReprintButton({
  source,
  printerId,
  canSeeCustomer,
  open: openAtFirst = false,
}: {
  source: ReprintSource | null;
  printerId: string;
  canSeeCustomer: boolean;
  open?: boolean;
}) {
  const t = useTranslations("queueUi");
  const [open, setOpen] = useState(openAtFirst && source !== null);
  if (!source) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="reprint-unavailable">
        {t("reprint.noFile")}
      </p>
    );
  }
  return (
    <>
      <Button onClick={() => setOpen(true)} aria-label={t("reprint.buttonNamed", { name: source.file.name })} data-testid="reprint">
        <Icon name="refresh" className="mr-1.5 h-4 w-4" />
        {t("reprint.button")}
      </Button>
      {open ? (
        <QueueDialog
          title={t("dialog.reprintTitle")}
          file={source.file}
          initial={{ printerId, plate: source.plate, amsMapping: source.amsMapping }}
          canSeeCustomer={canSeeCustomer}
          onClose={() => setOpen(false)}
          testId="reprint-dialog"
        />
      ) : null}
    </>
  );
}
