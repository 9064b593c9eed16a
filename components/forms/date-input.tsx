"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { numberLocaleOf } from "@/lib/format/parse-number";
import { dateInputExample, formatDateInput, parseDateInput } from "@/lib/format/parse-date";

export interface DateInputProps {
  label: string;
  /** The ISO day ("2026-12-07") is submitted under this name; what was typed under `<name>Text`. */
  name: string;
  /** ISO day. */
  defaultValue?: string;
  error?: string | null;
  hint?: string;
  required?: boolean;
  className?: string;
  testId?: string;
  /** Compact style for filter bars. */
  compact?: boolean;
}

/**
 * A calendar day typed the locale's way ("07.12.2026" in German, "07/12/2026" in
 * English; ISO accepted in both), in every form and filter (lib/format/parse-date).
 * A text input, not `type="date"`, whose browser widget ignores the page's language.
 * The ISO value travels in a hidden field, so GET filter forms and script-read forms
 * both get "2026-12-07"; a day that cannot be read is marked when the field is left.
 */
export function DateInput({ label, name, defaultValue, error, hint, required, className = "", testId, compact }: DateInputProps) {
  const locale = useLocale();
  const t = useTranslations("forms");
  const id = useId();
  const [text, setText] = useState(defaultValue ? formatDateInput(defaultValue, locale) : "");
  const [left, setLeft] = useState(false);
  const parsed = parseDateInput(text, locale);
  const example = dateInputExample[numberLocaleOf(locale)];
  const ownError = left && text.trim() !== "" && !parsed.ok ? t("invalid.date", { example }) : null;
  const shown = error ?? ownError;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [shown ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  const border = shown ? "border-red-500 dark:border-red-500" : "border-slate-300 dark:border-slate-700";
  const size = compact ? "px-2 py-1" : "px-3 py-2 shadow-sm";
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className={compact ? "block text-xs font-medium text-slate-600 dark:text-slate-300" : "block text-sm font-medium"}>
        {label}
      </label>
      <input
        id={id}
        name={`${name}Text`}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={text}
        placeholder={example}
        required={required}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => setLeft(true)}
        aria-invalid={shown ? true : undefined}
        aria-describedby={describedBy}
        data-testid={testId}
        className={`block w-full rounded-md border bg-white text-sm tabular-nums placeholder:text-slate-400 focus:border-brand-500 dark:bg-slate-900 ${size} ${border}`}
      />
      <input type="hidden" name={name} value={parsed.ok ? parsed.value : ""} />
      {shown ? (
        <p id={errorId} className="text-xs text-red-700 dark:text-red-300" data-testid={`field-error-${name}`}>
          {shown}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
