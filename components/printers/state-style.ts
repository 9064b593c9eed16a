import type { IconName } from "@/components/shell/icons";
import type { PrinterStateName } from "@/lib/printers/types";

/**
 * Colour, icon and label key of each printer state. The colour is never the only
 * carrier: every state also has its icon and its word.
 */
export const stateStyle: Record<PrinterStateName, { icon: IconName; badge: string; bar: string }> = {
  idle: { icon: "check", badge: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200", bar: "bg-emerald-500" },
  preparing: { icon: "hourglass", badge: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200", bar: "bg-sky-500" },
  printing: { icon: "play", badge: "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200", bar: "bg-blue-600" },
  paused: { icon: "pause", badge: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200", bar: "bg-amber-500" },
  finished: { icon: "check", badge: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200", bar: "bg-emerald-600" },
  failed: { icon: "cross", badge: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200", bar: "bg-red-600" },
  cancelled: { icon: "stop", badge: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200", bar: "bg-slate-500" },
  error: { icon: "warning", badge: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200", bar: "bg-red-600" },
  offline: { icon: "offline", badge: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300", bar: "bg-slate-400" },
};

/** A disabled printer: grey and dashed, apart from every state a connected printer can be in. */
export const disabledStyle: { icon: IconName; badge: string; bar: string } = {
  icon: "power",
  badge: "border border-dashed border-slate-400 bg-slate-100 text-slate-700 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-300",
  bar: "bg-slate-300",
};

export type SummaryGroup = "printing" | "idle" | "finished" | "offline" | "error" | "disabled";

/**
 * Which summary bucket a printer counts in. A disabled printer was switched off on
 * purpose, which is no fault: it has a bucket of its own and never counts as offline.
 */
export function summaryGroup({ state, disabled }: { state: PrinterStateName; disabled: boolean }): SummaryGroup {
  if (disabled) return "disabled";
  if (state === "printing" || state === "paused" || state === "preparing") return "printing";
  if (state === "offline") return "offline";
  if (state === "error" || state === "failed") return "error";
  // Counted under the word its card shows: "Fertig" until the plate is cleared.
  if (state === "finished") return "finished";
  return "idle";
}

export function isPrinterState(value: string): value is PrinterStateName {
  return value in stateStyle;
}
