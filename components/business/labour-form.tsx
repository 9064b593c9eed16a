"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, FormMessage, TextField } from "@/components/auth/form-controls";
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
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  async function save(form: FormData) {
    const text = String(form.get("labourMinutes") ?? "").trim();
    setBusy(true);
    setMessage(null);
    try {
      const view = await saveJobLabour(jobId, text === "" ? null : Number(text));
      setMessage({ kind: "success", text: view.correctionId === null ? t("saved") : t("savedCorrection") });
      router.refresh();
    } catch (err) {
      setMessage({ kind: "error", text: t("error", { message: errorMessage(err) }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form action={save} className="max-w-sm space-y-3" data-testid="labour-form">
      <TextField
        label={t("labourMinutes")}
        name="labourMinutes"
        type="number"
        inputMode="numeric"
        min={0}
        max={10000}
        step={1}
        defaultValue={minutes ?? ""}
        hint={rateText ? t("labourHint", { rate: rateText }) : undefined}
      />
      {monthClosed ? <p className="text-xs text-amber-800 dark:text-amber-300">{t("monthClosed")}</p> : null}
      <Button type="submit" disabled={busy}>{t("save")}</Button>
      {message ? <FormMessage kind={message.kind} testId="labour-message">{message.text}</FormMessage> : null}
    </form>
  );
}
