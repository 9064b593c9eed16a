"use client";

import { useId } from "react";

export interface NumberInputProps {
  label: string;
  name: string;
  /** The value as the locale writes it ("1,75"); see lib/format/parse-number. */
  defaultValue?: string;
  /** The unit shown after the field ("€", "%", "mm"). */
  adornment?: string;
  /** The message of a value that could not be read or was refused; marks the field. */
  error?: string | null;
  hint?: string;
  required?: boolean;
  placeholder?: string;
  className?: string;
}

const inputClass =
  "block w-full rounded-md border bg-white px-3 py-2 text-right text-sm tabular-nums shadow-sm placeholder:text-slate-400 " +
  "focus:border-brand-500 dark:bg-slate-900";

/**
 * A text field for a number typed the locale's way. It is a text input on purpose:
 * `type="number"` refuses "1,75" in many browsers and silently empties the field, which
 * is how typed values got lost. The form reads it with lib/format/parse-number.
 */
export function NumberInput({ label, name, defaultValue, adornment, error, hint, required, placeholder, className = "" }: NumberInputProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  const border = error ? "border-red-500 dark:border-red-500" : "border-slate-300 dark:border-slate-700";
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex items-center gap-1.5">
        <input
          id={id}
          name={name}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={defaultValue}
          required={required}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={`${inputClass} ${border}`}
        />
        {adornment ? <span className="text-sm text-slate-600 dark:text-slate-300" aria-hidden="true">{adornment}</span> : null}
      </div>
      {error ? (
        <p id={errorId} className="text-xs text-red-700 dark:text-red-300" data-testid={`field-error-${name}`}>
          {error}
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
