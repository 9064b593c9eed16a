"use client";

import { useRouter } from "@/i18n/navigation";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { Button, FormMessage, SelectField, TextField } from "@/components/auth/form-controls";
import { useErrorMessage } from "@/components/auth/use-error-message";
import { DateInput } from "@/components/forms/date-input";
import { NumberInput } from "@/components/forms/number-input";
import { PercentInput } from "@/components/forms/percent-input";
import { useFieldErrors } from "@/components/forms/use-field-errors";
import type { QuotableFile } from "@/lib/business/quotes/file-source";
import type { QuoteComputation, QuoteInput } from "@/lib/business/quotes/schemas";
import { createQuote, previewQuote } from "@/lib/client/use-quotes";
import { formatCents } from "@/lib/business/money/money";
import { formatGrams } from "@/lib/format/number";
import { parseDecimalInput, parsePercentInput } from "@/lib/format/parse-number";
import { QuoteLines } from "./quote-lines";

export interface QuoteMaterialOption {
  id: string;
  label: string;
  type: string;
  pricePerKgCents: number;
}

interface Props {
  files: QuotableFile[];
  materials: QuoteMaterialOption[];
  initialFileId?: string;
}

/** What the pricing fields say right now; unreadable numbers fall back so the preview keeps going while typing. */
function pricingOf(form: HTMLFormElement, locale: string): QuoteInput | null {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "");
  const fileId = text("fileId");
  if (!fileId) return null;
  const copies = parseDecimalInput(text("copies"), locale, { maxDecimals: 0, nonNegative: true });
  const labour = parseDecimalInput(text("labourMinutes"), locale, { maxDecimals: 0, nonNegative: true });
  const markup = parsePercentInput(text("markup"), locale);
  const plate = Number(text("plate"));
  const materials = [...data.entries()]
    .filter(([key, value]) => key.startsWith("material-") && typeof value === "string" && value !== "")
    .map(([key, value]) => ({ slot: Number(key.slice("material-".length)), materialId: String(value) }));
  const vat = text("vatRate");
  return {
    fileId,
    copies: copies.ok && Number(copies.value) >= 1 ? Math.min(Number(copies.value), 10_000) : 1,
    ...(plate > 0 ? { plate } : {}),
    ...(materials.length > 0 ? { materials } : {}),
    ...(labour.ok ? { labourMinutes: Math.min(Number(labour.value), 100_000) } : {}),
    ...(markup.ok ? { markupBp: markup.value } : {}),
    ...(vat === "700" ? { vatRateBp: 700 as const } : vat === "1900" ? { vatRateBp: 1900 as const } : {}),
  };
}

/** Makes a quote from a file: choices on the left, the live price (same computation as saving) beside them. */
export function QuoteForm({ files, materials, initialFileId }: Props) {
  const t = useTranslations("quotes");
  const locale = useLocale();
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const fields = useFieldErrors();
  const formRef = useRef<HTMLFormElement>(null);
  const [preview, setPreview] = useState<QuoteComputation | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [computing, setComputing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const request = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const refresh = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const form = formRef.current;
      const input = form ? pricingOf(form, locale) : null;
      const id = ++request.current;
      if (!input) {
        setPreview(null);
        return;
      }
      setComputing(true);
      previewQuote(input)
        .then((result) => {
          if (id !== request.current) return;
          setPreview(result);
          setPreviewError(null);
        })
        .catch((err: unknown) => {
          if (id !== request.current) return;
          setPreview(null);
          setPreviewError(errorMessage(err));
        })
        .finally(() => {
          if (id === request.current) setComputing(false);
        });
    }, 250);
  }, [locale, errorMessage]);

  useEffect(() => {
    if (initialFileId) refresh();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [initialFileId, refresh]);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    const form = event.currentTarget;
    const data = new FormData(form);
    const read = fields.reader(data);
    const copies = read.decimal("copies", { maxDecimals: 0, nonNegative: true });
    const labour = read.decimal("labourMinutes", { maxDecimals: 0, nonNegative: true, optional: true });
    const markup = read.percent("markup", { optional: true });
    const validUntil = read.date("validUntil", { optional: true });
    const customer = String(data.get("customer") ?? "").trim();
    const readable = read.done();
    const pricing = pricingOf(form, locale);
    if (!readable || copies === null || Number(copies) < 1 || !customer || !pricing) {
      setMessage(!customer && readable ? t("form.customerRequired") : t("form.fixFields"));
      return;
    }
    setSaving(true);
    try {
      const orderReference = String(data.get("orderReference") ?? "").trim();
      const note = String(data.get("note") ?? "").trim();
      const language = String(data.get("language") ?? locale) === "en" ? "en" : "de";
      const quote = await createQuote({
        ...pricing,
        copies: Number(copies),
        ...(labour === null ? {} : { labourMinutes: Number(labour) }),
        ...(markup === null ? {} : { markupBp: markup }),
        customer,
        ...(orderReference ? { orderReference } : {}),
        ...(note ? { note } : {}),
        ...(validUntil ? { validUntil } : {}),
        locale: language,
      });
      router.push(`/quotes/${quote.id}`);
    } catch (err) {
      const marked = fields.showServerErrors(err);
      setMessage(marked ? fields.fixFieldsMessage : errorMessage(err));
      setSaving(false);
    }
  }

  const materialLabel = (m: QuoteMaterialOption) => `${m.label} · ${formatCents(m.pricePerKgCents, locale === "en" ? "en" : "de-DE")}/kg`;
  return (
    <form ref={formRef} onSubmit={(event) => void save(event)} onChange={refresh} noValidate className="grid gap-6 lg:grid-cols-2" data-testid="quote-form">
      <div className="space-y-4">
        {files.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-300">{t("form.noFiles")}</p> : null}
        <SelectField
          label={t("form.file")}
          name="fileId"
          defaultValue={initialFileId ?? ""}
          options={[{ value: "", label: t("form.chooseFile") }, ...files.map((f) => ({ value: f.id, label: f.printerName ? `${f.name} (${f.printerName})` : f.name }))]}
        />
        {preview && preview.plates.length > 1 ? (
          <SelectField
            label={t("form.plate")}
            name="plate"
            defaultValue={String(preview.plate ?? preview.plates[0].index)}
            options={preview.plates.map((p) => ({ value: String(p.index), label: p.name ? t("form.plateNamed", { index: p.index, name: p.name }) : t("form.plateN", { index: p.index }) }))}
          />
        ) : null}
        <div className="grid gap-3 sm:grid-cols-2">
          <NumberInput label={t("form.copies")} name="copies" defaultValue="1" error={fields.errors.copies} />
          <SelectField label={t("form.vatRate")} name="vatRate" defaultValue="" options={[{ value: "", label: "—" }, { value: "1900", label: t("form.vat19") }, { value: "700", label: t("form.vat7") }]} />
          <NumberInput label={t("form.labourMinutes")} name="labourMinutes" adornment="min" hint={t("form.labourHint")} error={fields.errors.labourMinutes} />
          <PercentInput label={t("form.markup")} name="markup" hint={t("form.markupHint")} error={fields.errors.markup} />
        </div>
        {preview && preview.filaments.length > 0 ? (
          <fieldset className="space-y-2" data-testid="quote-materials">
            <legend className="text-sm font-semibold">{t("form.materials")}</legend>
            {preview.filaments.map((filament) => (
              <SelectField
                key={filament.slot}
                label={t("form.slot", { slot: filament.slot, type: filament.type ?? t("form.unknownType"), grams: formatGrams(locale, filament.grams) })}
                name={`material-${filament.slot}`}
                defaultValue=""
                options={[
                  { value: "", label: filament.materialId ? t("form.defaultMaterial", { type: filament.type ?? "" }) : t("form.fallbackMaterial") },
                  ...materials.map((m) => ({ value: m.id, label: materialLabel(m) })),
                ]}
              />
            ))}
          </fieldset>
        ) : null}
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label={t("form.customer")} name="customer" required maxLength={200} autoComplete="off" />
          <TextField label={t("form.orderReference")} name="orderReference" maxLength={100} autoComplete="off" />
          <DateInput label={t("form.validUntil")} name="validUntil" hint={t("form.validUntilHint")} error={fields.errors.validUntil} />
          <SelectField label={t("form.language")} name="language" defaultValue={locale} options={[{ value: "de", label: t("form.german") }, { value: "en", label: t("form.english") }]} />
        </div>
        <TextField label={t("form.note")} name="note" maxLength={2000} autoComplete="off" />
        {message ? <FormMessage kind="error" testId="quote-form-message">{message}</FormMessage> : null}
        <Button type="submit" disabled={saving || !preview}>{t("form.save")}</Button>
      </div>
      <section aria-labelledby="quote-preview" aria-busy={computing} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900" data-testid="quote-preview">
        <h2 id="quote-preview" className="mb-2 text-lg font-semibold">{t("form.preview")}</h2>
        {previewError ? <FormMessage kind="error">{previewError}</FormMessage> : null}
        {preview ? <QuoteLines quote={preview} t={t} locale={locale} /> : computing ? <p className="text-sm">{t("form.computing")}</p> : null}
      </section>
    </form>
  );
}
