"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Button, FormMessage } from "@/components/auth/form-controls";
import { NumberInput } from "@/components/forms/number-input";
import { useFieldErrors } from "@/components/forms/use-field-errors";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { saveJobLabour } from "@/lib/client/use-reports";

interface Props {
  jobId: string;
  minutes: number | null;
  /** The labour rate of the job's day, formatted; null when none applies. */
  rateText: string | null;
  /** After the month close a change is booked as a correction, which the form says before saving. */
  monthClosed: boolean;
}

/** Minutes of hand work on a finished job; saving reprices the job (or books a correction). */
export function LabourForm({ jobId, minutes, rateText, monthClosed }: Props) {
  const t = useTranslations("business.jobCost");
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const fields = useFieldErrors();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = fields.reader(new FormData(event.currentTarget));
    const minutes = read.decimal("labourMinutes", { maxDecimals: 0, nonNegative: true, unit: "min", optional: true });
    if (!read.done()) return;
    setBusy(true);
    setMessage(null);
    try {
      const view = await saveJobLabour(jobId, minutes === null ? null : Number(minutes));
      setMessage({ kind: "success", text: view.correctionId === null ? t("saved") : t("savedCorrection") });
      router.refresh();
    } catch (err) {
      if (!fields.showServerErrors(err)) setMessage({ kind: "error", text: t("error", { message: errorMessage(err) }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void save(event)} noValidate className="max-w-sm space-y-3" data-testid="labour-form">
      <NumberInput
        label={t("labourMinutes")}
        name="labourMinutes"
        adornment="min"
        defaultValue={minutes === null ? "" : String(minutes)}
        error={fields.errors.labourMinutes}
        hint={rateText ? t("labourHint", { rate: rateText }) : undefined}
      />
      {monthClosed ? <p className="text-xs text-amber-800 dark:text-amber-300">{t("monthClosed")}</p> : null}
      <Button type="submit" disabled={busy}>{t("save")}</Button>
      {message ? <FormMessage kind={message.kind} testId="labour-message">{message.text}</FormMessage> : null}
    </form>
  );
}
