"use client";

import { useLocale, useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { ApiClientError } from "@/lib/client/api-error";
import { dateInputExample, parseDateInput } from "@/lib/format/parse-date";
import { type DecimalOptions, type ParseResult, parseDecimalInput, parseMoneyInput, parsePercentInput } from "@/lib/format/parse-number";

export type FieldErrors = Record<string, string>;

/** Reads the number fields of one submitted form; every field it cannot read gets a message. */
export interface FieldReader {
  decimal(name: string, options?: DecimalOptions & { optional?: boolean }): string | null;
  money(name: string, options?: { optional?: boolean }): number | null;
  percent(name: string, options?: { optional?: boolean }): number | null;
  /** A DateInput's day as ISO ("2026-12-07"), read from what was typed. */
  date(name: string, options?: { optional?: boolean }): string | null;
  /** Shows the collected messages; true when every field could be read. */
  done(): boolean;
}

const examples = { decimal: { de: "1,75", en: "1.75" }, money: { de: "24,99", en: "24.99" }, percent: { de: "42,5", en: "42.5" }, date: dateInputExample };

/**
 * Field messages for a form: its own parse failures (lib/format/parse-number) and the
 * server's 422 field errors (`ApiClientError.fields`), each shown beside its field. The
 * form submits with onSubmit and never resets, so what was typed stays.
 */
export function useFieldErrors() {
  const t = useTranslations("forms");
  const locale = useLocale();
  const language = locale === "en" ? "en" : "de";
  const [errors, setErrors] = useState<FieldErrors>({});

  const reader = useCallback(
    (form: FormData): FieldReader => {
      const found: FieldErrors = {};
      function read<T>(name: string, kind: keyof typeof examples, optional: boolean, parse: (text: string) => ParseResult<T>, places?: number): T | null {
        const value = form.get(name);
        const text = typeof value === "string" ? value : "";
        const result = parse(text);
        if (result.ok) return result.value;
        if (result.reason === "empty" && optional) return null;
        const key = kind === "date" && result.reason === "invalid" ? "date" : result.reason;
        found[name] = t(`invalid.${key}`, { example: examples[kind][language], places: places ?? 2 });
        return null;
      }
      return {
        decimal: (name, options = {}) => read(name, "decimal", options.optional ?? false, (text) => parseDecimalInput(text, locale, options), options.maxDecimals),
        money: (name, options = {}) => read(name, "money", options.optional ?? false, (text) => parseMoneyInput(text, locale)),
        percent: (name, options = {}) => read(name, "percent", options.optional ?? false, (text) => parsePercentInput(text, locale)),
        date: (name, options = {}) => {
          const typed = form.get(`${name}Text`);
          const text = typeof typed === "string" ? typed : "";
          return read(name, "date", options.optional ?? false, () => parseDateInput(text, locale));
        },
        done: () => {
          setErrors(found);
          return Object.keys(found).length === 0;
        },
      };
    },
    [t, locale, language],
  );

  /**
   * Marks the fields a 422 answer names. `fieldOf` maps a wire field to the form field
   * where they differ (pricePerKgCents → pricePerKg). True when some field was marked.
   */
  const showServerErrors = useCallback(
    (error: unknown, fieldOf: Record<string, string> = {}): boolean => {
      if (!(error instanceof ApiClientError)) return false;
      const marked: FieldErrors = {};
      for (const field of Object.keys(error.fields)) marked[fieldOf[field] ?? field] = t("invalid.server");
      setErrors(marked);
      return Object.keys(marked).length > 0;
    },
    [t],
  );

  const clear = useCallback(() => setErrors({}), []);

  return { errors, reader, showServerErrors, clear, fixFieldsMessage: t("fixFields") };
}
