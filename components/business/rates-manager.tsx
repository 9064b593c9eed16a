"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Button, FormMessage, SelectField } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { NumberInput } from "@/components/forms/number-input";
import { PercentInput } from "@/components/forms/percent-input";
import { DateInput } from "@/components/forms/date-input";
import { useFieldErrors } from "@/components/forms/use-field-errors";
import type { RateView } from "@/lib/business/rates/schemas";
import { createRate, deleteRate, updateRate } from "@/lib/client/use-business-settings";
import { berlinDay } from "@/lib/format/date";
import { formatDecimalInput, shiftDecimal } from "@/lib/format/parse-number";
import { useFormat } from "@/lib/format/use-format";

/** The wire field of a rate and the form field that shows its message. */
const fieldOf = {
  validFrom: "validFrom",
  electricityCentsPerKwh: "electricity",
  machineCentsPerHour: "machine",
  labourCentsPerHour: "labour",
  printerPowerWatts: "power",
  defaultMarkupBp: "markup",
};

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
}

/**
 * Dated prices: the list, and a form to add one or to correct one that is not yet in
 * force. Electricity is entered in ct/kWh as tariffs state it; machine and labour hours
 * in euros; the markup in percent. All are stored as before (cent decimals, basis points).
 */
export function RatesManager({ rates }: { rates: RateView[] }) {
  const t = useTranslations("business.settings");
  const errorMessage = useErrorMessage();
  const router = useRouter();
  const format = useFormat();
  const fields = useFieldErrors();
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const [editing, setEditing] = useState<RateView | null>(null);
  const today = berlinDay(new Date());
  const notYetInForce = (rate: RateView) => rate.validFrom.slice(0, 10) > today;

  async function run(action: () => Promise<unknown>): Promise<boolean> {
    setMessage(null);
    try {
      await action();
      setMessage({ kind: "success", text: t("saved") });
      router.refresh();
      return true;
    } catch (err) {
      const marked = fields.showServerErrors(err, fieldOf);
      setMessage({ kind: "error", text: marked ? fields.fixFieldsMessage : errorMessage(err) });
      return false;
    }
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const read = fields.reader(form);
    const electricity = read.decimal("electricity", { maxDecimals: 6, nonNegative: true, unit: "ct/kWh" });
    const machine = read.decimal("machine", { maxDecimals: 8, nonNegative: true, unit: "€/h" });
    const labour = read.decimal("labour", { maxDecimals: 8, nonNegative: true, unit: "€/h", optional: true });
    const power = read.decimal("power", { maxDecimals: 0, nonNegative: true, unit: "W" });
    const markup = read.percent("markup", { optional: true });
    const validFrom = read.date("validFrom");
    if (!read.done() || validFrom === null || electricity === null || machine === null || power === null) {
      setMessage({ kind: "error", text: fields.fixFieldsMessage });
      return;
    }
    const body = {
      validFrom,
      electricityCentsPerKwh: electricity,
      machineCentsPerHour: shiftDecimal(machine, 2),
      labourCentsPerHour: shiftDecimal(labour ?? "0", 2),
      printerPowerWatts: Number(power),
      defaultMarkupBp: markup ?? 0,
      vatMode: text(form, "vatMode"),
      defaultVatRateBp: Number(text(form, "vatRate")),
    };
    const target = editing;
    if (await run(() => (target ? updateRate(target.id, body) : createRate(body)))) {
      setEditing(null);
      formElement.reset();
    }
  }

  const base = editing ?? rates[0];
  const euros = (cents: string) => format.decimal(shiftDecimal(cents, -2), 2, "EUR");
  const cell = "px-2 py-1";
  const number = "px-2 py-1 text-right tabular-nums";
  return (
    <div>
      {message ? <FormMessage kind={message.kind} testId="rates-message">{message.text}</FormMessage> : null}
      {rates.length === 0 ? <p className="mb-2 text-sm">{t("noRates")}</p> : (
        <div className="relative mb-4 overflow-x-auto" tabIndex={0} role="region" aria-label={t("rates")}>
        <table className="min-w-full text-sm" data-testid="rates-table">
          <thead>
            <tr>
              <th className="px-2 py-1 text-left">{t("validFrom")}</th>
              {["electricity", "machine", "labour", "power", "markup"].map((key) => <th key={key} className="px-2 py-1 text-right">{t(key)}</th>)}
              <th className="px-2 py-1 text-left">{t("vatMode")}</th>
              <th className="px-2 py-1 text-right">{t("vatRate")}</th>
              <th className="px-2 py-1"><span className="sr-only">{t("actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {rates.map((rate) => (
              <tr key={rate.id} className="border-t border-slate-100 dark:border-slate-800" data-testid={`rate-${rate.validFrom.slice(0, 10)}`}>
                <td className={cell}>{format.date(`${rate.validFrom.slice(0, 10)}T12:00:00Z`)}</td>
                <td className={number}>{format.decimal(rate.electricityCentsPerKwh)} ct/kWh</td>
                <td className={number}>{euros(rate.machineCentsPerHour)}/h</td>
                <td className={number}>{euros(rate.labourCentsPerHour)}/h</td>
                <td className={number}>{format.number(rate.printerPowerWatts, 0)} W</td>
                <td className={number}>{format.decimal(shiftDecimal(String(rate.defaultMarkupBp), -2))} %</td>
                <td className={cell}>{t(`vatModes.${rate.vatMode}`)}</td>
                <td className={number}>{format.number(rate.defaultVatRateBp / 100, 0)} %</td>
                <td className="space-x-2 px-2 py-1 text-right whitespace-nowrap">
                  {notYetInForce(rate) ? (
                    <>
                      <Button variant="secondary" onClick={() => setEditing(rate)}>{t("edit")}</Button>
                      <Button variant="danger" onClick={() => void run(() => deleteRate(rate.id))}>{t("delete")}</Button>
                    </>
                  ) : <span className="text-xs text-slate-500">{t("inForce")}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      {editing ? <p className="mb-2 text-sm font-medium">{t("editing", { date: format.date(`${editing.validFrom.slice(0, 10)}T12:00:00Z`) })}</p> : null}
      <form key={editing?.id ?? "new"} onSubmit={(event) => void save(event)} noValidate className="grid gap-3 sm:grid-cols-4" data-testid="rate-form">
        <DateInput key={editing?.id ?? "new"} label={t("validFrom")} name="validFrom" required defaultValue={editing?.validFrom.slice(0, 10)} error={fields.errors.validFrom} />
        <NumberInput label={t("electricity")} name="electricity" adornment="ct/kWh" defaultValue={formatDecimalInput(base?.electricityCentsPerKwh ?? "35", format.locale)} required error={fields.errors.electricity} />
        <NumberInput label={t("machine")} name="machine" adornment="€/h" defaultValue={formatDecimalInput(shiftDecimal(base?.machineCentsPerHour ?? "50", -2), format.locale)} required error={fields.errors.machine} />
        <NumberInput label={t("labour")} name="labour" adornment="€/h" defaultValue={formatDecimalInput(shiftDecimal(base?.labourCentsPerHour ?? "0", -2), format.locale)} error={fields.errors.labour} />
        <NumberInput label={t("power")} name="power" adornment="W" defaultValue={String(base?.printerPowerWatts ?? 120)} required error={fields.errors.power} />
        <PercentInput label={t("markup")} name="markup" bp={base?.defaultMarkupBp ?? 0} error={fields.errors.markup} />
        <SelectField label={t("vatMode")} name="vatMode" defaultValue={base?.vatMode ?? "standard"} options={[{ value: "standard", label: t("vatModes.standard") }, { value: "kleinunternehmer", label: t("vatModes.kleinunternehmer") }]} />
        <SelectField label={t("vatRate")} name="vatRate" defaultValue={String(base?.defaultVatRateBp ?? 1900)} options={[{ value: "1900", label: "19 %" }, { value: "700", label: "7 %" }, { value: "0", label: "0 %" }]} />
        <div className="flex items-end gap-2">
          <Button type="submit">{editing ? t("save") : t("addRate")}</Button>
          {editing ? <Button variant="secondary" onClick={() => setEditing(null)}>{t("cancel")}</Button> : null}
        </div>
      </form>
    </div>
  );
}
