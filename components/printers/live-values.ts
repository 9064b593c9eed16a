import type { PrinterView } from "@/lib/printers/schemas";
import { emptyState, type NormalizedState, type PrinterStateName } from "@/lib/printers/types";
import { isPrinterState } from "./state-style";

export interface LiveValues {
  state: PrinterStateName;
  data: NormalizedState;
  /** A print is on the printer (running, paused or being prepared). */
  active: boolean;
  /** The instant the values were reported, the base for the ETA. */
  reportedAt: Date | null;
  /** Switched off by an admin: nothing connects to it, so nothing it last reported is current. */
  disabled: boolean;
}

/**
 * The display values of a printer; a printer the worker has not reached yet reads as
 * offline. A disabled one has no live state (its `state` reads offline underneath, the
 * `disabled` flag says why) and shows none of its last values.
 */
export function liveValues(printer: PrinterView): LiveValues {
  if (!printer.enabled) return { state: "offline", data: emptyState(), active: false, reportedAt: null, disabled: true };
  const live = printer.live;
  const data = live?.data ?? emptyState();
  const raw = live ? (live.online ? (live.data?.state ?? live.state) : "offline") : "offline";
  const state = isPrinterState(raw) ? raw : "offline";
  const reported = live?.lastMessageAt ?? live?.updatedAt ?? null;
  return {
    state,
    data,
    active: state === "printing" || state === "paused" || state === "preparing",
    reportedAt: reported ? new Date(reported) : null,
    disabled: false,
  };
}
