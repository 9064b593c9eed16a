import type { NormalizedState } from "@/lib/printers/types";

/**
 * What makes a state change worth an event: anything a viewer would notice. Sensor
 * noise (tenths of a degree) and the elapsed-time counter are not; the remaining time
 * counts per minute.
 */
export function meaningfulKey(state: NormalizedState): string {
  const round = (value: number | null) => (value === null ? null : Math.round(value));
  return JSON.stringify({
    ...state,
    nozzle: { current: round(state.nozzle.current), target: round(state.nozzle.target) },
    bed: { current: round(state.bed.current), target: round(state.bed.target) },
    chamber: { current: round(state.chamber.current), target: round(state.chamber.target) },
    progress: state.progress === null ? null : Math.round(state.progress * 10) / 10,
    elapsedSeconds: null,
    remainingSeconds: state.remainingSeconds === null ? null : Math.round(state.remainingSeconds / 60),
  });
}
