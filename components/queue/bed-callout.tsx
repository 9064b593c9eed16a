"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { liveValues } from "@/components/printers/live-values";
import { Icon } from "@/components/shell/icons";
import { confirmBedCleared } from "@/lib/client/use-queue";
import type { PrinterView } from "@/lib/printers/schemas";

/** Whether nothing starts on the printer until someone confirms its bed is clear. */
export function bedNeedsClearing(printer: PrinterView): boolean {
  return printer.enabled && printer.bed.state === "needs_clearing" && !printer.bed.autoStart && !liveValues(printer).active;
}

const sizes = {
  card: { box: "flex-wrap gap-x-2 gap-y-1 px-2 py-1.5 text-xs", button: "w-full justify-center px-2.5 py-1 text-sm", text: "min-w-0 flex-1 truncate font-semibold" },
  tile: { box: "gap-2 px-2 py-1.5 text-sm", button: "px-3 py-1.5 text-base", text: "min-w-0 flex-1 truncate font-bold" },
  page: { box: "flex-wrap gap-3 p-4 text-sm", button: "px-4 py-2 text-base", text: "min-w-0 flex-1 basis-60 space-y-1" },
} as const;

/**
 * The call to action of a printer whose last part may still lie on its bed: what is
 * needed and, for those who control printers, the "Bed is clear" button. The confirmed
 * state arrives with the printer.bed event; the button's answer is shown until then.
 */
export function BedCallout({ printer, canConfirm, size }: { printer: PrinterView; canConfirm: boolean; size: keyof typeof sizes }) {
  const t = useTranslations("queueUi.bed");
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!bedNeedsClearing(printer)) return null;
  const style = sizes[size];
  const reason = printer.bed.reason ?? "first_seen";
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await confirmBedCleared(printer.id);
    } catch (err) {
      setError(errorMessage(err));
    }
    setBusy(false);
  };
  return (
    <div
      role="status"
      data-testid="bed-callout"
      className={`flex items-center rounded-lg border-2 border-amber-500 bg-amber-50 text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-50 ${style.box}`}
    >
      <Icon name="warning" className={size === "page" ? "h-6 w-6 shrink-0" : "h-4 w-4 shrink-0"} />
      {size === "page" ? (
        <div className={style.text}>
          <p className="text-base font-semibold">{t("needsClearing")}</p>
          <p>
            {t(`reason.${reason}`)} {reason === "first_seen" ? t("firstSeenHint") : t("needsClearingHint")}
          </p>
          {error ? (
            <p role="alert" className="font-medium text-red-800 dark:text-red-300">
              {error}
            </p>
          ) : null}
        </div>
      ) : (
        <span className={style.text} title={error ?? t(`reason.${reason}`)}>
          {error ?? (size === "card" ? `${t("needsClearing")}: ${t(`reason.${reason}`)}` : t("needsClearing"))}
        </span>
      )}
      {canConfirm ? (
        <button
          type="button"
          onClick={() => void confirm()}
          disabled={busy}
          data-testid="bed-clear"
          className={`inline-flex shrink-0 items-center gap-1.5 rounded-md bg-amber-700 font-semibold text-white hover:bg-amber-800 disabled:opacity-60 dark:bg-amber-500 dark:text-amber-950 dark:hover:bg-amber-400 ${style.button}`}
        >
          <Icon name="check" />
          {busy ? t("clearing") : t("clear")}
        </button>
      ) : null}
    </div>
  );
}
