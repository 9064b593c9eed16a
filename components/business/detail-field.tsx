import { useId } from "react";

interface Props {
  label: string;
  name: string;
  type: string;
  autoComplete?: string;
  required?: boolean;
  defaultValue: string;
  error?: string;
  hint?: string;
  className?: string;
}

/** A labelled text field that marks itself and says why when its value is refused. */
export function DetailField({ label, name, type, autoComplete, required, defaultValue, error, hint, className = "" }: Props) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  const border = error ? "border-red-500 dark:border-red-500" : "border-slate-300 dark:border-slate-700";
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        defaultValue={defaultValue}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 dark:bg-slate-900 ${border}`}
      />
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
