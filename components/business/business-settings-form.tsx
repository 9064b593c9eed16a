"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { type FormEvent, useState } from "react";
import { Button, FormMessage, SelectField, TextField } from "@/components/auth/form-controls";
import type { BusinessHoursConfig } from "@/lib/business/calendar";
import type { RateView } from "@/lib/business/rates/schemas";
import { saveBusinessSettings, saveLegalTexts } from "@/lib/client/use-business-settings";
import { MoneyInput } from "@/components/forms/money-input";
import { NumberInput } from "@/components/forms/number-input";
import { useFieldErrors } from "@/components/forms/use-field-errors";
import { BusinessHoursForm } from "./business-hours-form";
import { RatesManager } from "./rates-manager";

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}

interface Props {
  rates: RateView[];
  settings: {
    lowStockGrams: number;
    fallbackMaterialCentsPerKg: number;
    businessHours: BusinessHoursConfig;
    datev: { chart: "SKR03" | "SKR04"; consultantNumber: number; clientNumber: number };
  };
  legal: { impressum: { de: string; en: string }; datenschutz: { de: string; en: string } };
}

/** Admin forms: a new dated price entry, the other business settings, DATEV numbers, business hours and the legal texts. */
export function BusinessSettingsForm({ rates, settings, legal }: Props) {
  const t = useTranslations("business.settings");
  const errorMessage = useErrorMessage();
  const tl = useTranslations("legal");
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const otherFields = useFieldErrors();

  async function run(action: () => Promise<unknown>, fields?: ReturnType<typeof useFieldErrors>, fieldOf?: Record<string, string>) {
    setMessage(null);
    try {
      await action();
      setMessage({ kind: "success", text: t("saved") });
      router.refresh();
    } catch (err) {
      const marked = fields ? fields.showServerErrors(err, fieldOf) : false;
      setMessage({ kind: "error", text: marked && fields ? fields.fixFieldsMessage : errorMessage(err) });
    }
  }

  async function saveOther(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const read = otherFields.reader(form);
    const lowStockGrams = read.decimal("lowStockGrams", { maxDecimals: 0, nonNegative: true, unit: "g" });
    const fallback = read.money("fallback");
    if (!read.done()) {
      setMessage({ kind: "error", text: otherFields.fixFieldsMessage });
      return;
    }
    await run(() =>
      saveBusinessSettings({
        lowStockGrams: Number(lowStockGrams),
        fallbackMaterialCentsPerKg: fallback,
        datev: { chart: text(form, "chart"), consultantNumber: Number(text(form, "consultant")), clientNumber: Number(text(form, "client")) },
      }),
      otherFields,
      { fallbackMaterialCentsPerKg: "fallback", datev: "consultant" },
    );
  }

  const saveLegal = (form: FormData) =>
    run(() =>
      saveLegalTexts({
        impressum: { de: text(form, "impressumDe"), en: text(form, "impressumEn") },
        datenschutz: { de: text(form, "datenschutzDe"), en: text(form, "datenschutzEn") },
      }),
    );

  const area = "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";
  return (
    <div className="space-y-8">
      {message ? <FormMessage kind={message.kind} testId="business-settings-message">{message.text}</FormMessage> : null}
      <section id="rates" className="scroll-mt-4">
        <h2 className="mb-2 text-lg font-semibold">{t("rates")}</h2>
        <RatesManager rates={rates} />
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("other")}</h2>
        <form onSubmit={(event) => void saveOther(event)} noValidate className="grid gap-3 sm:grid-cols-3" data-testid="business-other-form">
          <NumberInput label={t("lowStockGrams")} name="lowStockGrams" adornment="g" defaultValue={String(settings.lowStockGrams)} error={otherFields.errors.lowStockGrams} />
          <MoneyInput label={t("fallbackPrice")} name="fallback" cents={settings.fallbackMaterialCentsPerKg} error={otherFields.errors.fallback} />
          <SelectField label={`${t("datev")}: ${t("chart")}`} name="chart" defaultValue={settings.datev.chart} options={[{ value: "SKR03", label: "SKR03" }, { value: "SKR04", label: "SKR04" }]} />
          <TextField label={`${t("datev")}: ${t("consultant")}`} name="consultant" type="number" min={1001} defaultValue={settings.datev.consultantNumber} />
          <TextField label={`${t("datev")}: ${t("client")}`} name="client" type="number" min={1} defaultValue={settings.datev.clientNumber} />
          <div className="flex items-end"><Button type="submit">{t("save")}</Button></div>
        </form>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("hours.title")}</h2>
        <BusinessHoursForm hours={settings.businessHours} />
      </section>
      <section id="legal" className="scroll-mt-4">
        <h2 className="mb-2 text-lg font-semibold">{tl("edit")}</h2>
        <form action={saveLegal} className="grid gap-3 md:grid-cols-2" data-testid="legal-form">
          {(["impressum", "datenschutz"] as const).flatMap((page) =>
            (["de", "en"] as const).map((locale) => (
              <label key={`${page}-${locale}`} className="text-sm">
                <span className="block font-medium">{tl(page)} ({locale})</span>
                <textarea key={legal[page][locale]} name={`${page}${locale === "de" ? "De" : "En"}`} defaultValue={legal[page][locale]} rows={10} className={area} maxLength={50_000} />
              </label>
            )),
          )}
          <div><Button type="submit">{t("save")}</Button></div>
        </form>
      </section>
    </div>
  );
}
