/**
 * The filter bar of a list page: a plain GET form, so the filters live in the address
 * (shareable, the back button works), the server filters, sorts and pages, and it works
 * before any script has loaded.
 */

// One height for selects and text fields, so the labels above them line up.
const control = "h-9 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";
const labelText = "block text-xs font-medium text-slate-600 dark:text-slate-400";

export function FilterBar({
  label,
  submitLabel,
  search = false,
  testId,
  children,
}: {
  label: string;
  submitLabel: string;
  /** A search landmark, for a bar that searches by text. */
  search?: boolean;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <form method="get" role={search ? "search" : undefined} className="mb-4 flex flex-wrap items-end gap-3" data-testid={testId} aria-label={label}>
      {children}
      <button type="submit" className="h-9 rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
        {submitLabel}
      </button>
    </form>
  );
}

/** A labelled select; `all` adds the empty "no filter" option first. */
export function FilterSelect({
  label,
  name,
  defaultValue,
  all,
  options,
  testId,
}: {
  label: string;
  name: string;
  defaultValue: string;
  all?: string;
  options: readonly { value: string; label: string }[];
  testId?: string;
}) {
  return (
    <label className="text-sm">
      <span className={labelText}>{label}</span>
      <select name={name} defaultValue={defaultValue} className={control} data-testid={testId}>
        {all !== undefined ? <option value="">{all}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A labelled text field; `className` sets its width. */
export function FilterInput({
  label,
  className = "",
  testId,
  ...input
}: Omit<React.InputHTMLAttributes<HTMLInputElement>, "className"> & { label: string; className?: string; testId?: string }) {
  return (
    <label className="text-sm">
      <span className={labelText}>{label}</span>
      <input {...input} className={`${control} ${className}`.trim()} data-testid={testId} />
    </label>
  );
}
