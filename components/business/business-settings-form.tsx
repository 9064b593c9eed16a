"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { useState } from "react";
import { Button, FormMessage, SelectField, TextField } from "@/components/auth/form-controls";
import type { BusinessHoursConfig } from "@/lib/business/calendar";
import type { RateView } from "@/lib/business/rates/schemas";
import { createRate, saveBusinessSettings, saveLegalTexts } from "@/lib/client/use-business-settings";
import { BusinessHoursForm } from "./business-hours-form";

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

  async function run(action: () => Promise<unknown>) {
    setMessage(null);
    try {
      await action();
      setMessage({ kind: "success", text: t("saved") });
      router.refresh();
    } catch (err) {
      setMessage({ kind: "error", text: errorMessage(err) });
    }
  }

  const addRate = (form: FormData) =>
    run(() =>
      createRate({
        validFrom: text(form, "validFrom"),
        electricityCentsPerKwh: text(form, "electricity"),
        machineCentsPerHour: text(form, "machine"),
        labourCentsPerHour: text(form, "labour") || "0",
        printerPowerWatts: Number(text(form, "power")),
        defaultMarkupBp: Number(text(form, "markup") || "0"),
        vatMode: text(form, "vatMode"),
        defaultVatRateBp: Number(text(form, "vatRate")),
      }),
    );

  const saveOther = (form: FormData) =>
    run(() =>
      saveBusinessSettings({
        lowStockGrams: Number(text(form, "lowStockGrams")),
        fallbackMaterialCentsPerKg: Number(text(form, "fallback")),
        datev: { chart: text(form, "chart"), consultantNumber: Number(text(form, "consultant")), clientNumber: Number(text(form, "client")) },
      }),
    );

  const saveLegal = (form: FormData) =>
    run(() =>
      saveLegalTexts({
        impressum: { de: text(form, "impressumDe"), en: text(form, "impressumEn") },
        datenschutz: { de: text(form, "datenschutzDe"), en: text(form, "datenschutzEn") },
      }),
    );

  const latest = rates[0];
  const area = "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";
  return (
    <div className="space-y-8">
      {message ? <FormMessage kind={message.kind} testId="business-settings-message">{message.text}</FormMessage> : null}
      <section id="rates" className="scroll-mt-4">
        <h2 className="mb-2 text-lg font-semibold">{t("rates")}</h2>
        {rates.length === 0 ? <p className="mb-2 text-sm">{t("noRates")}</p> : (
          <table className="mb-4 min-w-full text-sm" data-testid="rates-table">
            <thead><tr>{["validFrom", "electricity", "machine", "labour", "power", "markup", "vatMode", "vatRate"].map((key) => <th key={key} className="px-2 py-1 text-left">{t(key)}</th>)}</tr></thead>
            <tbody>
              {rates.map((rate) => (
                <tr key={rate.id} className="border-t border-slate-100 dark:border-slate-800">
                  <td className="px-2 py-1">{rate.validFrom.slice(0, 10)}</td><td className="px-2 py-1">{rate.electricityCentsPerKwh}</td><td className="px-2 py-1">{rate.machineCentsPerHour}</td>
                  <td className="px-2 py-1">{rate.labourCentsPerHour}</td><td className="px-2 py-1">{rate.printerPowerWatts}</td><td className="px-2 py-1">{rate.defaultMarkupBp}</td>
                  <td className="px-2 py-1">{t(`vatModes.${rate.vatMode}`)}</td><td className="px-2 py-1">{rate.defaultVatRateBp / 100} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form action={addRate} className="grid gap-3 sm:grid-cols-4" data-testid="rate-form">
          <TextField label={t("validFrom")} name="validFrom" type="date" required />
          <TextField label={t("electricity")} name="electricity" defaultValue={latest?.electricityCentsPerKwh ?? "35"} inputMode="decimal" required />
          <TextField label={t("machine")} name="machine" defaultValue={latest?.machineCentsPerHour ?? "50"} inputMode="decimal" required />
          <TextField label={t("labour")} name="labour" defaultValue={latest?.labourCentsPerHour ?? "0"} inputMode="decimal" />
          <TextField label={t("power")} name="power" type="number" min={0} defaultValue={latest?.printerPowerWatts ?? 120} required />
          <TextField label={t("markup")} name="markup" type="number" defaultValue={latest?.defaultMarkupBp ?? 0} />
          <SelectField label={t("vatMode")} name="vatMode" defaultValue={latest?.vatMode ?? "standard"} options={[{ value: "standard", label: t("vatModes.standard") }, { value: "kleinunternehmer", label: t("vatModes.kleinunternehmer") }]} />
          <SelectField label={t("vatRate")} name="vatRate" defaultValue={String(latest?.defaultVatRateBp ?? 1900)} options={[{ value: "1900", label: "19 %" }, { value: "700", label: "7 %" }, { value: "0", label: "0 %" }]} />
          <div><Button type="submit">{t("addRate")}</Button></div>
        </form>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("other")}</h2>
        <form action={saveOther} className="grid gap-3 sm:grid-cols-3" data-testid="business-other-form">
          <TextField label={t("lowStockGrams")} name="lowStockGrams" type="number" min={0} defaultValue={settings.lowStockGrams} />
          <TextField label={t("fallbackPrice")} name="fallback" type="number" min={0} defaultValue={settings.fallbackMaterialCentsPerKg} />
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
                <textarea name={`${page}${locale === "de" ? "De" : "En"}`} defaultValue={legal[page][locale]} rows={10} className={area} maxLength={50_000} />
              </label>
            )),
          )}
          <div><Button type="submit">{t("save")}</Button></div>
        </form>
      </section>
    </div>
  );
}
