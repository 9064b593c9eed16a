"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { Button, FormMessage, TextField } from "@/components/auth/form-controls";
import { saveRetention } from "@/lib/client/use-business-settings";
import type { RetentionSettings } from "@/lib/compliance/retention-schemas";

export function RetentionForm({ settings }: { settings: RetentionSettings }) {
  const t = useTranslations("business.audit");
  const ts = useTranslations("business.settings");
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  async function save(form: FormData) {
    try {
      await saveRetention({ businessYears: Number(form.get("businessYears")), telemetryDays: Number(form.get("telemetryDays")) });
      setMessage({ kind: "success", text: ts("saved") });
      router.refresh();
    } catch (err) {
      setMessage({ kind: "error", text: errorMessage(err) });
    }
  }
  return (
    <form action={save} className="grid gap-3 sm:grid-cols-3" data-testid="retention-form">
      <TextField label={t("businessYears")} name="businessYears" type="number" min={6} max={30} defaultValue={settings.businessYears} hint={t("retentionNote")} />
      <TextField label={t("telemetryDays")} name="telemetryDays" type="number" min={7} max={3650} defaultValue={settings.telemetryDays} />
      <div className="flex items-end"><Button type="submit">{ts("save")}</Button></div>
      {message ? <div className="sm:col-span-3"><FormMessage kind={message.kind}>{message.text}</FormMessage></div> : null}
    </form>
  );
}
