import { kindDescriptors } from "@/lib/printers/registry";
import type { NormalizedState } from "@/lib/printers/types";
import type { AlertSettings } from "./settings";
import type { AlertParams, AlertType } from "./types";

/**
 * The alert rules that follow from a printer's state over time. Pure: the caller keeps
 * the memory between calls and turns the set of active conditions into raised and
 * resolved alerts (one open alert per printer and type). print_failed is not here: it
 * follows from a job ending, not from a state.
 */

export type RuleSettings = Omit<AlertSettings, "notify">;

interface HeaterMemory {
  /** The target being watched and since when (ms). */
  target: number;
  since: number;
  reached: boolean;
  overheating: boolean;
}

export interface RuleMemory {
  nozzle: HeaterMemory | null;
  bed: HeaterMemory | null;
  /** Since when the printer has been offline (ms), null while online. */
  offlineSince: number | null;
}

export function emptyMemory(): RuleMemory {
  return { nozzle: null, bed: null, offlineSince: null };
}

export interface ConnectionProblem {
  kind: string;
  stage: string;
  messageKey: string;
}

export interface RuleInput {
  state: NormalizedState;
  now: number;
  /** The tracker has a job open for this printer. */
  jobOpen: boolean;
  /** The last connection failure, when it was one retrying cannot fix (auth, permanent). */
  connectionProblem: ConnectionProblem | null;
}

export type ActiveConditions = Map<AlertType, AlertParams>;

/** Cooling back below the limit by this much ends an overheat (no flapping around the limit). */
const HYSTERESIS_C = 5;

type Heater = "nozzle" | "bed";

function watchHeater(
  heater: Heater,
  reading: { current: number | null; target: number | null },
  previous: HeaterMemory | null,
  now: number,
  settings: RuleSettings,
): { memory: HeaterMemory | null; overheat: AlertParams | null; heatingTimeout: AlertParams | null } {
  const { current, target } = reading;
  if (current === null) return { memory: previous, overheat: null, heatingTimeout: null };
  const activeTarget = target !== null && target > 0 ? target : 0;
  const memory: HeaterMemory =
    previous && previous.target === activeTarget ? { ...previous } : { target: activeTarget, since: now, reached: false, overheating: false };

  const max = heater === "nozzle" ? settings.nozzleMaxC : settings.bedMaxC;
  const settled = activeTarget > 0 && now - memory.since >= settings.targetSettleSeconds * 1000;
  const margin = memory.overheating ? HYSTERESIS_C : 0;
  const overAbsolute = current > max - margin;
  const overTarget = settled && current > activeTarget + settings.overTargetC - margin;
  memory.overheating = overAbsolute || overTarget;
  const overheat = memory.overheating
    ? { heater, current: round(current), target: activeTarget > 0 ? activeTarget : null, limit: overAbsolute ? max : activeTarget + settings.overTargetC }
    : null;

  let heatingTimeout: AlertParams | null = null;
  if (activeTarget > 0 && !memory.reached) {
    if (current >= activeTarget - settings.heatingToleranceC) memory.reached = true;
    else if (now - memory.since >= settings.heatingTimeoutSeconds * 1000) {
      heatingTimeout = { heater, current: round(current), target: activeTarget, minutes: Math.round(settings.heatingTimeoutSeconds / 60) };
    }
  }
  return { memory, overheat, heatingTimeout };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Printer error keys that name a filament runout, and those of a print waiting for someone at the printer, as each kind declares them. */
const runoutKeys: ReadonlySet<string> = new Set(kindDescriptors.flatMap((d) => d.alertKeys.filamentRunout));
const attentionKeys: ReadonlySet<string> = new Set(kindDescriptors.flatMap((d) => d.alertKeys.attention));

export function evaluateRules(input: RuleInput, memory: RuleMemory, settings: RuleSettings): { active: ActiveConditions; memory: RuleMemory } {
  const { state, now } = input;
  const active: ActiveConditions = new Map();
  const next: RuleMemory = { ...memory };

  if (state.online) {
    next.offlineSince = null;
    const nozzle = watchHeater("nozzle", state.nozzle, memory.nozzle, now, settings);
    const bed = watchHeater("bed", state.bed, memory.bed, now, settings);
    next.nozzle = nozzle.memory;
    next.bed = bed.memory;
    const overheat = nozzle.overheat ?? bed.overheat;
    if (overheat) active.set("overheat", overheat);
    const slow = nozzle.heatingTimeout ?? bed.heatingTimeout;
    if (slow) active.set("heating_timeout", slow);

    const runout = state.errors.find((e) => e.messageKey !== null && runoutKeys.has(e.messageKey));
    if (runout) active.set("filament_runout", { code: runout.code, messageKey: runout.messageKey });
    const attention = state.errors.find((e) => e.messageKey !== null && attentionKeys.has(e.messageKey));
    if (attention && !runout) active.set("attention", { code: attention.code, messageKey: attention.messageKey, text: attention.text });
    if (state.developerModeRequired) active.set("developer_mode", {});
  } else {
    next.offlineSince = memory.offlineSince ?? now;
    next.nozzle = null;
    next.bed = null;
    if (input.jobOpen && now - next.offlineSince >= settings.offlineGraceSeconds * 1000) {
      active.set("offline_while_printing", { offlineMinutes: Math.floor((now - next.offlineSince) / 60_000) });
    }
  }

  if (input.connectionProblem) {
    const { stage, messageKey } = input.connectionProblem;
    active.set(stage === "developer_mode" ? "developer_mode" : "connection_error", { stage, messageKey });
  }
  return { active, memory: next };
}
