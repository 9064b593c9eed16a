/**
 * A progress bar that moves by transform only: with 100 printers updating every second,
 * animating width would lay out and repaint every card on every frame.
 */
export function ProgressBar({ value, label, barClass, thick = false }: { value: number | null; label: string; barClass: string; thick?: boolean }) {
  const pct = Math.max(0, Math.min(100, value ?? 0));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(pct)}
      data-testid="printer-progress"
      data-value={value ?? ""}
      className={`w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800 ${thick ? "h-3" : "h-2"}`}
    >
      <div
        className={`h-full w-full origin-left transition-transform duration-500 ${barClass}`}
        style={{ transform: `scaleX(${pct / 100})` }}
      />
    </div>
  );
}
