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

/**
 * The part of a state that must reach viewers without waiting for the telemetry
 * interval: what the printer is doing, what it prints, errors, targets, lights and
 * filament. Readings that drift continuously (temperatures, progress, layer, times,
 * spool remaining) are left out and ride along with the next emission.
 */
export function urgentKey(state: NormalizedState): string {
  return JSON.stringify({
    online: state.online,
    state: state.state,
    targets: [state.nozzle.target, state.bed.target, state.chamber.target],
    totalLayers: state.totalLayers,
    jobName: state.jobName,
    fileName: state.fileName,
    printerJobId: state.printerJobId,
    filament: state.filament.map(({ remainingPercent: _remaining, ...slot }) => slot),
    errors: state.errors,
    lightOn: state.lightOn,
    firmware: state.firmware,
    developerModeRequired: state.developerModeRequired,
  });
}
