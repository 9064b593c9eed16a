"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button, FormMessage } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { NumberInput } from "@/components/forms/number-input";
import { useFieldErrors } from "@/components/forms/use-field-errors";
import { Section } from "@/components/settings/section";
import { saveAlertLimits } from "@/lib/client/use-notifications";

/** The limits the alert rules use (lib/alerts/rules.ts), in the order the page lists them. */
export const limitFields = [
  { name: "nozzleMaxC", unit: "celsius" },
  { name: "bedMaxC", unit: "celsius" },
  { name: "overTargetC", unit: "celsius" },
  { name: "heatingToleranceC", unit: "celsius" },
  { name: "heatingTimeoutSeconds", unit: "seconds" },
  { name: "targetSettleSeconds", unit: "seconds" },
  { name: "offlineGraceSeconds", unit: "seconds" },
] as const;
type LimitName = (typeof limitFields)[number]["name"];
export type Limits = Record<LimitName, number>;

interface LimitsFormProps {
  general: Limits;
  kinds: readonly string[];
  /** Per kind, the limits that differ from the general ones. */
  overrides: Record<string, Partial<Limits>>;
}

/** General alert limits and, per printer kind, the ones that differ (empty: the general value applies). */
export function LimitsForm({ general, kinds, overrides }: LimitsFormProps) {
  const t = useTranslations("notifications.limits");
  const tPrinters = useTranslations("printers");
  const locale = useLocale();
  const { errors, reader, showServerErrors, fixFieldsMessage } = useFieldErrors();
  const errorMessage = useErrorMessage();
  const [result, setResult] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const number = (value: number | undefined) => (value === undefined ? "" : new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 1 }).format(value));

  async function submit(form: HTMLFormElement) {
    setResult(null);
    const read = reader(new FormData(form));
    const patch: Partial<Limits> & { kinds: Record<string, Partial<Limits>> } = { kinds: {} };
    for (const { name } of limitFields) {
      const value = read.decimal(name, { maxDecimals: 1 });
      if (value !== null) patch[name] = Number(value);
    }
    for (const kind of kinds) {
      const own: Partial<Limits> = {};
      for (const { name } of limitFields) {
        const value = read.decimal(`${kind}.${name}`, { maxDecimals: 1, optional: true });
        if (value !== null) own[name] = Number(value);
      }
      patch.kinds[kind] = own;
    }
    if (!read.done()) {
      setResult({ kind: "error", text: fixFieldsMessage });
      return;
    }
    setBusy(true);
    try {
      await saveAlertLimits(patch);
      setResult({ kind: "success", text: t("saved") });
    } catch (err) {
      setResult({ kind: "error", text: showServerErrors(err) ? fixFieldsMessage : errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title={t("title")} testId="notify-limits">
      <p className="-mt-2 mb-4 text-sm text-slate-600 dark:text-slate-400">{t("description")}</p>
      <form
        noValidate
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(event.currentTarget);
        }}
      >
        <fieldset className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
          <legend className="px-1 text-sm font-medium">{t("general")}</legend>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {limitFields.map(({ name, unit }) => (
              <NumberInput key={name} label={t(name)} name={name} adornment={t(unit)} defaultValue={number(general[name])} error={errors[name]} required />
            ))}
          </div>
        </fieldset>
        {kinds.map((kind) => (
          <fieldset key={kind} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-testid={`notify-limits-${kind}`}>
            <legend className="px-1 text-sm font-medium">{t("kind", { kind: tPrinters(`kinds.${kind}`) })}</legend>
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {limitFields.map(({ name, unit }) => (
                <NumberInput
                  key={name}
                  label={t(name)}
                  name={`${kind}.${name}`}
                  adornment={t(unit)}
                  defaultValue={number(overrides[kind]?.[name])}
                  placeholder={number(general[name])}
                  error={errors[`${kind}.${name}`]}
                />
              ))}
            </div>
          </fieldset>
        ))}
        <Button type="submit" disabled={busy} data-testid="notify-limits-save">
          {t("save")}
        </Button>
        <div aria-live="polite">
          {result && (
            <FormMessage kind={result.kind} testId="notify-limits-result">
              {result.text}
            </FormMessage>
          )}
        </div>
      </form>
    </Section>
  );
}
