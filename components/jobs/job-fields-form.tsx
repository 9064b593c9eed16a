"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button, FormMessage, SelectField, TextField } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { saveJobFields } from "@/lib/client/use-reports";

interface Props {
  jobId: string;
  customer: string | null;
  orderReference: string | null;
  businessUse: boolean;
  note: string | null;
  /** After the month close customer and order are booked (the API refuses them); the use is still changed, as a correction. */
  monthClosed: boolean;
}

/** Customer, order reference, business or private use and the note of a job; empty text clears a field. */
export function JobFieldsForm({ jobId, customer, orderReference, businessUse, note, monthClosed }: Props) {
  const t = useTranslations("jobs.fields");
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);

  async function save(form: FormData) {
    const text = (name: string) => {
      const value = String(form.get(name) ?? "").trim();
      return value === "" ? null : value;
    };
    const use = form.get("businessUse") === "business";
    setBusy(true);
    setMessage(null);
    try {
      await saveJobFields(jobId, {
        ...(monthClosed ? {} : { customer: text("customer"), orderReference: text("orderReference") }),
        ...(use === businessUse ? {} : { businessUse: use }),
        ...(text("note") === note ? {} : { note: text("note") }),
      });
      setMessage({ kind: "success", text: t("saved") });
      router.refresh();
    } catch (err) {
      setMessage({ kind: "error", text: `${t("failed")} ${errorMessage(err)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="job-fields" className="mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <h2 id="job-fields" className="mb-3 text-lg font-semibold">{t("title")}</h2>
      <form action={save} className="grid max-w-2xl gap-3 sm:grid-cols-3" data-testid="job-fields-form">
        <TextField label={t("customer")} name="customer" maxLength={200} defaultValue={customer ?? ""} disabled={monthClosed} data-testid="job-field-customer" />
        <TextField
          label={t("orderReference")}
          name="orderReference"
          maxLength={100}
          defaultValue={orderReference ?? ""}
          disabled={monthClosed}
          data-testid="job-field-order"
        />
        <SelectField
          label={t("use")}
          name="businessUse"
          defaultValue={businessUse ? "business" : "private"}
          options={[
            { value: "business", label: t("business") },
            { value: "private", label: t("private") },
          ]}
          data-testid="job-field-use"
        />
        <label className="block text-sm sm:col-span-3">
          <span className="mb-1 block font-medium">{t("note")}</span>
          <textarea
            name="note"
            rows={3}
            maxLength={2000}
            defaultValue={note ?? ""}
            data-testid="job-field-note"
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        {monthClosed ? <p className="text-xs text-amber-800 sm:col-span-3 dark:text-amber-300">{t("monthClosed")}</p> : null}
        <div className="sm:col-span-3">
          <Button type="submit" disabled={busy} data-testid="job-fields-save">{t("save")}</Button>
        </div>
        {message ? (
          <div className="sm:col-span-3">
            <FormMessage kind={message.kind} testId="job-fields-message">{message.text}</FormMessage>
          </div>
        ) : null}
      </form>
    </section>
  );
}
